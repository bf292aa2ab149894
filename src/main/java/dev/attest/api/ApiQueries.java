package dev.attest.api;

import dev.attest.AuditTrail;
import dev.attest.Category;
import dev.attest.EntityRevision;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import jakarta.persistence.metamodel.EntityType;
import jakarta.transaction.Transactional;
import org.hibernate.envers.AuditReader;
import org.hibernate.envers.AuditReaderFactory;

import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** What the API reads beyond {@link AuditTrail}: entities by name, the changes of an action, counts per day. */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class ApiQueries {

    /** The longest period a summary counts day by day. */
    static final int MAX_DAYS = 366;

    @PersistenceContext
    EntityManager entityManager;

    @Inject
    AuditTrail trail;

    /** The {@code @Audited} entity of this JPA entity name; a 404 when there is none. */
    public EntityType<?> auditedEntity(String name) {
        AuditReader reader = AuditReaderFactory.get(entityManager);
        for (EntityType<?> type : entityManager.getMetamodel().getEntities()) {
            if (type.getName().equals(name) && type.getJavaType() != null
                    && reader.isEntityClassAudited(type.getJavaType())) {
                return type;
            }
        }
        throw new BadRequest(404, "no @Audited entity named '" + Params.printable(name) + "'");
    }

    /** {@code id} converted to the id type of {@code type}; a 400 when it does not convert. */
    public Object id(EntityType<?> type, String id) {
        Class<?> idType = type.getIdType().getJavaType();
        try {
            if (idType == Long.class || idType == long.class) {
                return Long.valueOf(id);
            } else if (idType == Integer.class || idType == int.class) {
                return Integer.valueOf(id);
            } else if (idType == Short.class || idType == short.class) {
                return Short.valueOf(id);
            } else if (idType == BigInteger.class) {
                return new BigInteger(id);
            } else if (idType == UUID.class) {
                return UUID.fromString(id);
            } else if (idType == String.class) {
                return id;
            }
        } catch (IllegalArgumentException e) {
            throw new BadRequest("the id of " + type.getName() + " is a " + idType.getSimpleName()
                    + ", not '" + Params.printable(id) + "'");
        }
        throw new BadRequest("entities with an id of type " + idType.getSimpleName() + " cannot be looked up by URL");
    }

    public List<EntityRevision> history(EntityType<?> type, Object id) {
        return trail.history(type.getJavaType(), id);
    }

    /** Every entity revision written by the action with this correlation id, as JSON, in revision order. */
    public List<Map<String, Object>> revisionsOf(String correlationId) {
        return trail.changesOf(correlationId).stream()
                .map(change -> Json.revision(change.entity(), change.id(), change.revision())).toList();
    }

    /** Events per UTC day and category in [{@code from}, {@code to}), every day listed, oldest first. */
    public List<Map<String, Object>> perDay(String actorId, Instant from, Instant to) {
        LocalDate first = from.atZone(ZoneOffset.UTC).toLocalDate();
        LocalDate last = to.minusNanos(1).atZone(ZoneOffset.UTC).toLocalDate();
        List<Map<String, Object>> days = new ArrayList<>();
        for (LocalDate day = first; !day.isAfter(last) && days.size() < MAX_DAYS; day = day.plusDays(1)) {
            Instant start = max(from, day.atStartOfDay(ZoneOffset.UTC).toInstant());
            Instant end = min(to, day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
            TypedQuery<Object[]> query = entityManager.createQuery("select e.category, count(e) from AttestEvent e"
                    + " where e.occurredAt >= :from and e.occurredAt < :to"
                    + (actorId == null ? "" : " and (e.actorId = :actor or e.onBehalfOfId = :actor)")
                    + " group by e.category", Object[].class)
                    .setParameter("from", start).setParameter("to", end);
            if (actorId != null) {
                query.setParameter("actor", actorId);
            }
            Map<Category, Long> counts = new EnumMap<>(Category.class);
            long total = 0;
            for (Object[] row : query.getResultList()) {
                counts.put((Category) row[0], (Long) row[1]);
                total += (Long) row[1];
            }
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("day", day.toString());
            entry.put("total", total);
            entry.put("byCategory", counts);
            days.add(entry);
        }
        return days;
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
