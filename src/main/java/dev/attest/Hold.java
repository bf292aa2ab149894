package dev.attest;

import java.time.Instant;

/** A legal hold in force: what it covers, the case it serves, who placed it and when. */
public record Hold(long id, HoldScope scope, String caseReference, String placedBy, Instant placedAt,
                   String releasedBy, Instant releasedAt) {
}
