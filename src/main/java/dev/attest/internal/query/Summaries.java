package dev.attest.internal.query;

import dev.attest.AuditSummary;
import dev.attest.AuditSummary.ActorCount;
import dev.attest.Category;
import dev.attest.Outcome;
import dev.attest.internal.store.AuditEventEntity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;

import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Counts of the event table over a period, by grouped queries on its indexed columns. */
@ApplicationScoped
public class Summaries {

    private static final int TOP_ACTORS = 10;

    @PersistenceContext
    EntityManager entityManager;

    AuditSummary of(String actorId, Instant from, Instant to) {
        if (from == null || to == null || !from.isBefore(to)) {
            throw new IllegalArgumentException("a summary needs a period with from before to");
        }
        String where = " from AttestEvent e where e.occurredAt >= :from and e.occurredAt < :to"
                + (actorId == null ? "" : " and (e.actorId = :actor or e.onBehalfOfId = :actor)");
        Map<Category, Long> byCategory = new EnumMap<>(Category.class);
        grouped("select e.category, count(e)" + where + " group by e.category", actorId, from, to, 0)
                .forEach(row -> byCategory.put((Category) row[0], (Long) row[1]));
        Map<Outcome, Long> byOutcome = new EnumMap<>(Outcome.class);
        grouped("select e.outcome, count(e)" + where + " group by e.outcome", actorId, from, to, 0)
                .forEach(row -> byOutcome.put((Outcome) row[0], (Long) row[1]));
        Map<String, Long> byAction = new LinkedHashMap<>();
        grouped("select e.action, count(e)" + where + " group by e.action order by count(e) desc, e.action",
                actorId, from, to, 0).forEach(row -> byAction.put((String) row[0], (Long) row[1]));
        List<ActorCount> topActors = grouped("select e.actorType, e.actorId, count(e)" + where
                        + " group by e.actorType, e.actorId order by count(e) desc, e.actorId", actorId, from, to, TOP_ACTORS)
                .stream().map(row -> new ActorCount(AuditEventEntity.actor((String) row[0], (String) row[1], null, null),
                        (Long) row[2])).toList();
        return new AuditSummary(from, to, actorId, byCategory.values().stream().mapToLong(Long::longValue).sum(),
                byCategory, byOutcome, byAction, byAction.getOrDefault("authn.login.failure", 0L),
                byAction.getOrDefault("authn.login.blocked", 0L), byCategory.getOrDefault(Category.EXPORT, 0L),
                topActors);
    }

    private List<Object[]> grouped(String jpql, String actorId, Instant from, Instant to, int limit) {
        TypedQuery<Object[]> query = entityManager.createQuery(jpql, Object[].class)
                .setParameter("from", from).setParameter("to", to);
        if (actorId != null) {
            query.setParameter("actor", actorId);
        }
        if (limit > 0) {
            query.setMaxResults(limit);
        }
        return query.getResultList();
    }

}
