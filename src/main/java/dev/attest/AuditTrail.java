package dev.attest;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Reads the audit trail: events, and the revision history of {@code @Audited} entities. */
public interface AuditTrail {

    /** Events matching {@code query}, newest first, at most {@link EventQuery#limit()}. */
    List<AuditEvent> events(EventQuery query);

    /** One event by id. */
    Optional<AuditEvent> event(long id);

    /**
     * The revisions of one entity, oldest first, each with who changed it, when, from where, in which
     * action (correlation id), and the field-level changes against the revision before.
     *
     * @throws IllegalArgumentException if {@code entityClass} is not an {@code @Audited} entity
     */
    List<EntityRevision> history(Class<?> entityClass, Object id);

    /**
     * One page of an entity's revisions, newest first: at most {@code limit} revisions numbered below
     * {@code beforeRevision} ({@code null}: from the newest). Pass the last revision number of a page as
     * {@code beforeRevision} for the next one. Each page costs one query, however long the history.
     *
     * @throws IllegalArgumentException if {@code entityClass} is not an {@code @Audited} entity or
     *         {@code limit} is not between 1 and {@link EventQuery#MAX_LIMIT}
     */
    List<EntityRevision> history(Class<?> entityClass, Object id, Long beforeRevision, int limit);

    /**
     * The entities the action with this correlation id changed: every Envers revision it wrote, in revision
     * order, each with its field changes. Actions of one transaction share their correlation id and its
     * revision, so each of them finds the changes of the whole transaction.
     */
    List<EntityChange> changesOf(String correlationId);

    /**
     * The events of the audited actions that caused {@code revision}, oldest first; empty if none did. Envers
     * writes one revision per transaction, so these are the events of every audited action of that transaction
     * (they share one correlation id), and of actions nested in them.
     */
    List<AuditEvent> actionBehind(EntityRevision revision);

    /** Counts of every event in [{@code from}, {@code to}): by category, outcome and action, failed logins, top actors. */
    AuditSummary summary(Instant from, Instant to);

    /** The same counts for the events of one actor, as actor or on behalf of. */
    AuditSummary summary(String actorId, Instant from, Instant to);

    /**
     * The follow-up event that resolved event {@code eventId} ({@link AuditLog#resolve}): who resolved it, when,
     * and the note in its details; empty while the event is unresolved. The latest wins if there are several.
     */
    default Optional<AuditEvent> resolution(long eventId) {
        return events(new EventQuery().action(AuditLog.RESOLVED).target("AuditEvent", eventId)).stream().findFirst();
    }
}
