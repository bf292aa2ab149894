package dev.attest.internal.jsonapi;

import dev.attest.AuditTrail;
import dev.attest.Category;
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

    /** The JPA names of the {@code @Audited} entities, sorted. */
    public List<String> auditedEntityNames() {
        AuditReader reader = AuditReaderFactory.get(entityManager);
        return entityManager.getMetamodel().getEntities().stream()
                .filter(type -> type.getJavaType() != null && reader.isEntityClassAudited(type.getJavaType()))
                .map(EntityType::getName).sorted().toList();
    }

    /** The UTC years from the newest event's to the oldest event's, newest first; empty when there is no event. */
    public List<Integer> years() {
        Object[] range = entityManager.createQuery("select min(e.occurredAt), max(e.occurredAt) from AttestEvent e",
                Object[].class).getSingleResult();
        if (range[0] == null) {
            return List.of();
        }
        int oldest = ((Instant) range[0]).atZone(ZoneOffset.UTC).getYear();
        int newest = ((Instant) range[1]).atZone(ZoneOffset.UTC).getYear();
        List<Integer> years = new ArrayList<>();
        for (int year = newest; year >= oldest; year--) {
            years.add(year);
        }
        return years;
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

    /** Every entity revision written by the action with this correlation id, as JSON, in revision order. */
    public List<Map<String, Object>> revisionsOf(String correlationId) {
        return trail.changesOf(correlationId).stream()
                .map(change -> Json.revision(change.entity(), change.id(), change.revision())).toList();
    }

    /** Days since 1970-01-01 UTC of an event: the UTC day, whatever the database's time zone. */
    private static final String DAY = "function('floor', extract(epoch from e.occurredAt) / 86400)";

    /** Events per UTC day and category in [{@code from}, {@code to}), every day listed, oldest first: one grouped query. */
    public List<Map<String, Object>> perDay(String actorId, Instant from, Instant to) {
        TypedQuery<Object[]> query = entityManager.createQuery("select " + DAY + ", e.category, count(e)"
                        + " from AttestEvent e where e.occurredAt >= :from and e.occurredAt < :to"
                        + (actorId == null ? "" : " and (e.actorId = :actor or e.onBehalfOfId = :actor)")
                        + " group by " + DAY + ", e.category", Object[].class)
                .setParameter("from", from).setParameter("to", to);
        if (actorId != null) {
            query.setParameter("actor", actorId);
        }
        Map<LocalDate, Map<Category, Long>> counts = new java.util.HashMap<>();
        for (Object[] row : query.getResultList()) {
            LocalDate day = LocalDate.ofEpochDay(((Number) row[0]).longValue());
            counts.computeIfAbsent(day, d -> new EnumMap<>(Category.class)).merge((Category) row[1], (Long) row[2], Long::sum);
        }
        LocalDate first = from.atZone(ZoneOffset.UTC).toLocalDate();
        LocalDate last = to.minusNanos(1).atZone(ZoneOffset.UTC).toLocalDate();
        List<Map<String, Object>> days = new ArrayList<>();
        for (LocalDate day = first; !day.isAfter(last) && days.size() < MAX_DAYS; day = day.plusDays(1)) {
            Map<Category, Long> byCategory = counts.getOrDefault(day, new EnumMap<>(Category.class));
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("day", day.toString());
            entry.put("total", byCategory.values().stream().mapToLong(Long::longValue).sum());
            entry.put("byCategory", byCategory);
            days.add(entry);
        }
        return days;
    }

}
