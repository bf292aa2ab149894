package dev.attest;

import java.time.Instant;
import java.util.List;

/**
 * One Envers revision of one entity, as {@link AuditTrail#history} returns it.
 *
 * @param revision the revision number
 * @param time when the transaction committed its changes
 * @param actor who made the change
 * @param change added, modified or deleted
 * @param correlationId the audited action that caused the change, or {@code null}
 * @param requestId the HTTP request that caused the change, or {@code null}
 * @param clientAddress the client's address, or {@code null}
 * @param reason why, if given
 * @param changes the fields that differ from the revision before (all set fields for an addition)
 */
public record EntityRevision(long revision, Instant time, Actor actor, Change change, String correlationId,
                             String requestId, String clientAddress, String reason, List<FieldChange> changes) {

    /** What a revision did to the entity. */
    public enum Change { ADD, MODIFY, DELETE }

    /**
     * One changed field; associations show the referenced entity's id.
     *
     * @param field the attribute name
     * @param oldValue the value before, {@code null} for an addition
     * @param newValue the value after, {@code null} for a deletion
     */
    public record FieldChange(String field, Object oldValue, Object newValue) {
    }
}
