package dev.attest.internal.query;

import dev.attest.AuditEvent;
import dev.attest.AuditSummary;
import dev.attest.EntityChange;
import dev.attest.AuditTrail;
import dev.attest.EntityRevision;
import dev.attest.EventQuery;
import dev.attest.internal.store.AuditEventEntity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The {@link AuditTrail}: JPQL over the event table, Envers for entity histories. */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class DefaultAuditTrail implements AuditTrail {

    @PersistenceContext
    EntityManager entityManager;

    @Inject
    EntityHistories histories;

    @Inject
    Summaries summaries;

    @Override
    public List<AuditEvent> events(EventQuery query) {
        StringBuilder jpql = new StringBuilder("select e from AttestEvent e where 1 = 1");
        Map<String, Object> parameters = new HashMap<>();
        where(jpql, parameters, "(e.actorId = :actor or e.onBehalfOfId = :actor)", "actor", query.actorId());
        if (query.action() != null) {
            if (query.action().contains("*")) {
                where(jpql, parameters, "e.action like :action escape '\\'", "action",
                        likeEscaped(query.action()).replace("*", "%"));
            } else {
                where(jpql, parameters, "e.action = :action", "action", query.action());
            }
        }
        if (!query.categories().isEmpty()) {
            where(jpql, parameters, "e.category in :categories", "categories", query.categories());
        }
        where(jpql, parameters, "e.outcome = :outcome", "outcome", query.outcome());
        where(jpql, parameters, "e.targetType = :targetType", "targetType", query.targetType());
        where(jpql, parameters, "e.targetId = :targetId", "targetId", query.targetId());
        where(jpql, parameters, "e.correlationId = :correlation", "correlation", query.correlationId());
        where(jpql, parameters, "e.requestId = :request", "request", query.requestId());
        where(jpql, parameters, "e.clientAddress = :client", "client", query.clientAddress());
        where(jpql, parameters, "not (e.action = 'audit.read' and e.actorId = :reader)", "reader", query.withoutReadsOf());
        where(jpql, parameters, "e.occurredAt >= :from", "from", query.from());
        where(jpql, parameters, "e.occurredAt < :to", "to", query.to());
        if (query.before() != null) {
            // keyset on (occurredAt, id): the cursor event's time bounds an index range, its id breaks ties
            Instant cursorTime = entityManager.createQuery("select e.occurredAt from AttestEvent e where e.id = :id", Instant.class)
                    .setParameter("id", query.before()).getResultStream().findFirst().orElse(null);
            if (cursorTime == null) {
                where(jpql, parameters, "e.id < :before", "before", query.before());
            } else {
                where(jpql, parameters, "e.occurredAt <= :cursorTime and (e.occurredAt < :cursorTime or e.id < :before)",
                        "cursorTime", cursorTime);
                parameters.put("before", query.before());
            }
        }
        if (query.text() != null && !query.text().isBlank()) {
            where(jpql, parameters, "(lower(e.action) like :text escape '\\' or lower(e.targetId) like :text escape '\\'"
                    + " or lower(e.reason) like :text escape '\\' or lower(e.details) like :text escape '\\'"
                    + " or lower(e.errorMessage) like :text escape '\\')", "text",
                    "%" + likeEscaped(query.text().toLowerCase(Locale.ROOT)) + "%");
        }
        jpql.append(" order by e.occurredAt desc, e.id desc");
        TypedQuery<AuditEventEntity> typed = entityManager.createQuery(jpql.toString(), AuditEventEntity.class)
                .setMaxResults(query.limit());
        parameters.forEach(typed::setParameter);
        return typed.getResultList().stream().map(AuditEventEntity::toEvent).toList();
    }

    @Override
    public Optional<AuditEvent> event(long id) {
        return Optional.ofNullable(entityManager.find(AuditEventEntity.class, id)).map(AuditEventEntity::toEvent);
    }

    @Override
    public List<EntityRevision> history(Class<?> entityClass, Object id) {
        return histories.of(entityClass, id);
    }

    @Override
    public List<EntityRevision> history(Class<?> entityClass, Object id, Long beforeRevision, int limit) {
        if (limit < 1 || limit > EventQuery.MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + EventQuery.MAX_LIMIT + ", not " + limit);
        }
        return histories.page(entityClass, id, beforeRevision, limit);
    }

    @Override
    public List<EntityChange> changesOf(String correlationId) {
        return histories.changesOf(correlationId);
    }

    @Override
    public List<AuditEvent> actionBehind(EntityRevision revision) {
        if (revision.correlationId() == null) {
            return List.of();
        }
        List<AuditEvent> events = new java.util.ArrayList<>(
                events(new EventQuery().correlationId(revision.correlationId()).limit(EventQuery.MAX_LIMIT)));
        java.util.Collections.reverse(events);
        return events;
    }

    @Override
    public AuditSummary summary(Instant from, Instant to) {
        return summaries.of(null, from, to);
    }

    @Override
    public AuditSummary summary(String actorId, Instant from, Instant to) {
        if (actorId == null || actorId.isBlank()) {
            throw new IllegalArgumentException("a summary of one actor needs the actor's id");
        }
        return summaries.of(actorId, from, to);
    }

    private static void where(StringBuilder jpql, Map<String, Object> parameters, String condition, String name, Object value) {
        if (value != null) {
            jpql.append(" and ").append(condition);
            parameters.put(name, value);
        }
    }

    private static String likeEscaped(String value) {
        return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
