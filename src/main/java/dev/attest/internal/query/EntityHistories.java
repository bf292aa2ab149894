package dev.attest.internal.query;

import dev.attest.EntityChange;
import dev.attest.EntityRevision;
import dev.attest.EntityRevision.FieldChange;
import dev.attest.internal.capture.Entities;
import dev.attest.internal.envers.AttestRevision;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.metamodel.Attribute;
import jakarta.persistence.metamodel.EntityType;
import jakarta.persistence.metamodel.IdentifiableType;
import jakarta.persistence.metamodel.SingularAttribute;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.envers.AuditReader;
import org.hibernate.envers.boot.internal.EnversService;
import org.hibernate.envers.configuration.Configuration;
import org.hibernate.persister.entity.EntityPersister;
import org.hibernate.envers.AuditReaderFactory;
import org.hibernate.envers.NotAudited;
import org.hibernate.envers.RevisionType;
import org.hibernate.envers.query.AuditEntity;

import java.lang.reflect.AccessibleObject;
import java.lang.reflect.Member;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Builds entity histories with field diffs from Envers revisions. */
@ApplicationScoped
public class EntityHistories {

    /**
     * One audited attribute of an entity class.
     *
     * @param name the attribute name
     * @param association whether it references another entity
     * @param idKey where Envers keeps the referenced entity's id in a revision's state ({@code invoice_id}), or
     *              {@code null}
     */
    private record Property(String name, boolean association, String idKey) {
    }

    private final Map<Class<?>, List<Property>> properties = new ConcurrentHashMap<>();

    @PersistenceContext
    EntityManager entityManager;

    @Inject
    Entities entities;

    /** The revisions one page of a history holds when the whole history is read. */
    static final int PAGE = 1_000;

    /** The whole history, oldest first, read page by page with the revision cursor. */
    List<EntityRevision> of(Class<?> entityClass, Object id) {
        AuditTable table = table(entityClass);
        if (table.idProperty() == null) {
            return ofCompositeId(entityClass, id);
        }
        List<EntityRevision> newestFirst = new ArrayList<>();
        Long before = null;
        while (true) {
            List<EntityRevision> page = page(table, id, before, PAGE);
            newestFirst.addAll(page);
            if (page.size() < PAGE) {
                break;
            }
            before = page.get(page.size() - 1).revision();
        }
        java.util.Collections.reverse(newestFirst);
        return newestFirst;
    }

    /** Up to {@code limit} revisions of one entity older than revision {@code before} (all when null), newest first. */
    List<EntityRevision> page(Class<?> entityClass, Object id, Long before, int limit) {
        AuditTable table = table(entityClass);
        if (table.idProperty() == null) {
            List<EntityRevision> all = new ArrayList<>(ofCompositeId(entityClass, id));
            java.util.Collections.reverse(all);
            return all.stream().filter(r -> before == null || r.revision() < before).limit(limit).toList();
        }
        return page(table, id, before, limit);
    }

    /**
     * One index range of the audit table, newest first, one row more than the page: each revision's state before
     * is the next row's, so the page needs no join to find it (a join PostgreSQL plans badly once the statement
     * is prepared generically).
     */
    private List<EntityRevision> page(AuditTable table, Object id, Long before, int limit) {
        String current = "c." + table.idPath();
        var query = entityManager.createQuery("select c, r from " + table.auditEntity() + " c join AttestRevision r on r.id = c."
                        + table.revisionPath() + " where " + current + " = :id"
                        + (before == null ? "" : " and c." + table.revisionPath() + " < :before")
                        + " order by c." + table.revisionPath() + " desc", Object[].class)
                .setParameter("id", id).setMaxResults(limit + 1);
        if (before != null) {
            query.setParameter("before", before);
        }
        List<Object[]> rows = query.getResultList();
        List<EntityRevision> page = new ArrayList<>(Math.min(limit, rows.size()));
        for (int i = 0; i < rows.size() && i < limit; i++) {
            Object previous = i + 1 < rows.size() ? rows.get(i + 1)[0] : null;
            page.add(table.revision(this, new Object[] {rows.get(i)[0], previous, rows.get(i)[1]}));
        }
        return page;
    }

    /**
     * Every entity revision the action with this correlation id wrote, with its diff: one query per audited
     * entity type, each row joined to its revision and to the entity's state at the revision before.
     */
    List<EntityChange> changesOf(String correlationId) {
        List<EntityChange> changes = new ArrayList<>();
        for (AuditTable table : auditTables()) {
            if (table.idProperty() == null) {
                changes.addAll(changesOfCompositeId(table, correlationId));
                continue;
            }
            List<Object[]> rows = entityManager.createQuery(table.select() + " where r.correlationId = :correlation"
                            + " order by c." + table.revisionPath() + ", c." + table.idPath(), Object[].class)
                    .setParameter("correlation", correlationId).getResultList();
            for (Object[] row : rows) {
                changes.add(new EntityChange(table.name(), table.id((Map<?, ?>) row[0]), table.revision(this, row)));
            }
        }
        changes.sort(Comparator.comparingLong(change -> change.revision().revision()));
        return changes;
    }

    /**
     * How one audited entity type is stored by Envers: its audit entity (a dynamic map) with the original id
     * and the revision inside {@code originalId}, and how to read one row of {@link #select()}.
     */
    private record AuditTable(Class<?> javaType, String name, String auditEntity, String idProperty,
                              String originalId, String revisionPath, String revisionType, List<Property> audited) {

        String idPath() {
            return originalId + "." + idProperty;
        }

        /** Rows of (state, state at the revision before or null, revision entity), aliases c, p and r. */
        String select() {
            return "select c, p, r from " + auditEntity + " c join AttestRevision r on r.id = c." + revisionPath
                    + " left join " + auditEntity + " p on p." + idPath() + " = c." + idPath() + " and p." + revisionPath
                    + " = (select max(q." + revisionPath + ") from " + auditEntity + " q where q." + idPath()
                    + " = c." + idPath() + " and q." + revisionPath + " < c." + revisionPath + ")";
        }

        Object id(Map<?, ?> state) {
            return ((Map<?, ?>) state.get(originalId)).get(idProperty);
        }

        EntityRevision revision(EntityHistories histories, Object[] row) {
            Map<?, ?> state = (Map<?, ?>) row[0];
            Map<?, ?> previous = (Map<?, ?>) row[1];
            AttestRevision revision = (AttestRevision) row[2];
            RevisionType type = (RevisionType) state.get(revisionType);
            Map<?, ?> before = previous == null || previous.get(revisionType) == RevisionType.DEL ? null : previous;
            Map<?, ?> after = type == RevisionType.DEL ? null : state;
            return new EntityRevision(revision.getId(), revision.getTime(), revision.getActor(), change(type),
                    revision.getCorrelationId(), revision.getRequestId(), revision.getClientAddress(),
                    revision.getReason(), histories.diff(audited, before, after));
        }
    }

    private final Map<Class<?>, AuditTable> tables = new ConcurrentHashMap<>();

    private AuditTable table(Class<?> entityClass) {
        AuditReader reader = AuditReaderFactory.get(entityManager);
        if (!reader.isEntityClassAudited(entityClass)) {
            throw new IllegalArgumentException(entityClass.getName() + " is not an @Audited entity");
        }
        return tables.computeIfAbsent(entityClass, this::describe);
    }

    private List<AuditTable> auditTables() {
        AuditReader reader = AuditReaderFactory.get(entityManager);
        List<AuditTable> result = new ArrayList<>();
        for (EntityType<?> type : entityManager.getMetamodel().getEntities()) {
            Class<?> javaType = type.getJavaType();
            if (javaType != null && javaType != AttestRevision.class && reader.isEntityClassAudited(javaType)) {
                result.add(tables.computeIfAbsent(javaType, this::describe));
            }
        }
        return result;
    }

    private AuditTable describe(Class<?> entityClass) {
        SessionFactoryImplementor factory = entityManager.getEntityManagerFactory().unwrap(SessionFactoryImplementor.class);
        EntityPersister persister = factory.getMappingMetamodel().getEntityDescriptor(entityClass);
        Configuration envers = factory.getServiceRegistry().getService(EnversService.class).getConfig();
        String idProperty = entityManager.getMetamodel().entity(entityClass).hasSingleIdAttribute()
                && persister.getIdentifierMapping() instanceof org.hibernate.metamodel.mapping.BasicEntityIdentifierMapping
                ? persister.getIdentifierPropertyName() : null;
        String revisionPath = envers.getRevisionNumberPath();
        return new AuditTable(entityClass, entityManager.getMetamodel().entity(entityClass).getName(),
                envers.getAuditEntityName(persister.getEntityName()), idProperty, envers.getOriginalIdPropertyName(),
                revisionPath, envers.getRevisionTypePropertyName(),
                properties.computeIfAbsent(entityClass, this::auditedProperties));
    }

    /** Entities with a composite id: Envers' own queries, revision by revision. */
    private List<EntityRevision> ofCompositeId(Class<?> entityClass, Object id) {
        AuditReader reader = AuditReaderFactory.get(entityManager);
        // entities only: Envers names the revision entity by class name when it joins it, which the strict
        // JPQL compliance WildFly turns on refuses; Attest reads its revisions by their JPA name instead
        @SuppressWarnings("unchecked")
        List<Object[]> rows = reader.createQuery().forRevisionsOfEntity(entityClass, true, true)
                .add(AuditEntity.id().eq(id))
                .addProjection(AuditEntity.selectEntity(false))
                .addProjection(AuditEntity.revisionNumber())
                .addProjection(AuditEntity.revisionType())
                .addOrder(AuditEntity.revisionNumber().asc())
                .getResultList();
        List<Property> audited = properties.computeIfAbsent(entityClass, this::auditedProperties);
        List<EntityRevision> history = new ArrayList<>(rows.size());
        Map<?, ?> before = null;
        for (Object[] row : rows) {
            Map<?, ?> state = (Map<?, ?>) row[0];
            AttestRevision revision = entityManager.find(AttestRevision.class, ((Number) row[1]).longValue());
            RevisionType type = (RevisionType) row[2];
            Map<?, ?> after = type == RevisionType.DEL ? null : state;
            history.add(new EntityRevision(revision.getId(), revision.getTime(), revision.getActor(), change(type),
                    revision.getCorrelationId(), revision.getRequestId(), revision.getClientAddress(),
                    revision.getReason(), diff(audited, before, after)));
            before = after;
        }
        return history;
    }

    private List<EntityChange> changesOfCompositeId(AuditTable table, String correlationId) {
        List<Long> numbers = entityManager.createQuery(
                        "select r.id from AttestRevision r where r.correlationId = :correlation order by r.id", Long.class)
                .setParameter("correlation", correlationId).getResultList();
        if (numbers.isEmpty()) {
            return List.of();
        }
        Set<Long> wanted = Set.copyOf(numbers);
        @SuppressWarnings("unchecked")
        List<Object> ids = AuditReaderFactory.get(entityManager).createQuery()
                .forRevisionsOfEntity(table.javaType(), true, true)
                .add(AuditEntity.revisionNumber().in(numbers))
                .addProjection(AuditEntity.id())
                .getResultList();
        List<EntityChange> changes = new ArrayList<>();
        for (Object id : new LinkedHashSet<>(ids)) {
            for (EntityRevision revision : ofCompositeId(table.javaType(), id)) {
                if (wanted.contains(revision.revision())) {
                    changes.add(new EntityChange(table.name(), id, revision));
                }
            }
        }
        return changes;
    }

    private List<FieldChange> diff(List<Property> audited, Map<?, ?> before, Map<?, ?> after) {
        List<FieldChange> changes = new ArrayList<>();
        for (Property property : audited) {
            Object oldValue = before == null ? null : read(property, before);
            Object newValue = after == null ? null : read(property, after);
            if (!Objects.equals(oldValue, newValue)) {
                changes.add(new FieldChange(property.name(), oldValue, newValue));
            }
        }
        return changes;
    }

    /** One property of a revision's stored state; an association shows the referenced entity's id. */
    private Object read(Property property, Map<?, ?> state) {
        Object value = state.get(property.name());
        if (!property.association()) {
            return value;
        }
        if (value == null) {
            // Envers stores a to-one reference as the referenced id, under "<attribute>_<id attribute>"
            return property.idKey() == null ? null : state.get(property.idKey());
        }
        if (value instanceof Map<?, ?> reference) {
            return reference.size() == 1 ? reference.values().iterator().next() : reference;
        }
        return entities.isEntity(value) ? entities.id(value) : value;
    }

    private List<Property> auditedProperties(Class<?> entityClass) {
        List<Property> result = new ArrayList<>();
        for (Attribute<?, ?> attribute : entityManager.getMetamodel().entity(entityClass).getAttributes()) {
            Member member = attribute.getJavaMember();
            if (attribute.isCollection() || !(member instanceof AccessibleObject accessible)
                    || accessible.isAnnotationPresent(NotAudited.class)
                    || (attribute instanceof SingularAttribute<?, ?> singular && singular.isId())) {
                continue;
            }
            result.add(new Property(attribute.getName(), attribute.isAssociation(), idKey(attribute)));
        }
        result.sort(Comparator.comparing(Property::name));
        return List.copyOf(result);
    }

    /** {@code <attribute>_<id attribute>} of a to-one reference with a single id attribute, else {@code null}. */
    private static String idKey(Attribute<?, ?> attribute) {
        if (attribute.isAssociation() && attribute instanceof SingularAttribute<?, ?> singular
                && singular.getType() instanceof IdentifiableType<?> target && target.hasSingleIdAttribute()) {
            SingularAttribute<?, ?> id = target.getId(target.getIdType().getJavaType());
            return attribute.getName() + "_" + id.getName();
        }
        return null;
    }

    private static EntityRevision.Change change(RevisionType type) {
        return switch (type) {
            case ADD -> EntityRevision.Change.ADD;
            case MOD -> EntityRevision.Change.MODIFY;
            case DEL -> EntityRevision.Change.DELETE;
        };
    }
}
