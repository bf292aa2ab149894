package dev.attest;

import java.util.List;

/**
 * Legal holds (inject it): the events a hold covers survive the retention purge and refuse erasure until the
 * hold is released. Placing and releasing need the role {@code attest.hold-role} (default {@code audit-hold}) and
 * are recorded as {@code SECURITY} events ({@code audit.hold.placed}, {@code audit.hold.released}).
 *
 * <p>One case holds a record once: a new hold is refused as overlapping when an active hold of the same case
 * reference has criteria that intersect its own, that is when every criterion both name agrees (the same actor,
 * target type, target id and correlation id, a shared event id, intersecting time ranges; a criterion only one of
 * them names does not separate them). Widen or release the existing hold instead. Holds of different cases may
 * cover the same records: each survives the other's release.
 *
 * <p>Errors: {@link IllegalArgumentException} for a scope without criteria, a blank case reference or an
 * unknown hold; {@link SecurityException} without the role; {@link IllegalStateException} for an overlapping
 * hold (the message names the existing one) or a hold already released.
 */
public interface LegalHolds {

    /** Places a hold over {@code scope} for the case {@code caseReference}; the caller is recorded as who placed it. */
    Hold place(HoldScope scope, String caseReference);

    /** Releases hold {@code id}; the caller is recorded as who released it. */
    Hold release(long id);

    /** The holds in force, oldest first. */
    List<Hold> active();
}
