package dev.attest;

/**
 * One entity revision written by an audited action, as {@link AuditTrail#changesOf} returns it.
 *
 * @param entity the entity name
 * @param id the entity's identifier
 * @param revision the revision, with its field changes against the revision before
 */
public record EntityChange(String entity, Object id, EntityRevision revision) {
}
