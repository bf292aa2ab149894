package dev.attest.query;

import dev.attest.EntityChange;
import dev.attest.EntityRevision;
import dev.attest.EntityRevision.FieldChange;
import dev.attest.capture.Entities;
import dev.attest.envers.AttestRevision;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.metamodel.Attribute;
import jakarta.persistence.metamodel.EntityType;
import jakarta.persistence.metamodel.IdentifiableType;
import jakarta.persistence.metamodel.SingularAttribute;
import org.hibernate.envers.AuditReader;
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

    List<EntityRevision> of(Class<?> entityClass, Object id) {
        AuditReader reader = AuditReaderFactory.get(entityManager);
        if (!reader.isEntityClassAudited(entityClass)) {
            throw new IllegalArgumentException(entityClass.getName() + " is not an @Audited entity");
        }
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
        Map<Long, AttestRevision> revisions = revisions(rows.stream().map(row -> ((Number) row[1]).longValue()).toList());
        List<Property> audited = properties.computeIfAbsent(entityClass, this::auditedProperties);
        List<EntityRevision> history = new ArrayList<>(rows.size());
        Map<?, ?> before = null;
        for (Object[] row : rows) {
            Map<?, ?> state = (Map<?, ?>) row[0];
            AttestRevision revision = revisions.get(((Number) row[1]).longValue());
            RevisionType type = (RevisionType) row[2];
            Map<?, ?> after = type == RevisionType.DEL ? null : state;
            history.add(new EntityRevision(revision.getId(), revision.getTime(), revision.getActor(), change(type),
                    revision.getCorrelationId(), revision.getRequestId(), revision.getClientAddress(),
                    revision.getReason(), diff(audited, before, after)));
            before = after;
        }
        return history;
    }

    /** The most revisions one action's changes list. */
    static final int MAX_ACTION_REVISIONS = 1_000;

    List<EntityChange> changesOf(String correlationId) {
        List<Long> numbers = entityManager.createQuery(
                        "select r.id from AttestRevision r where r.correlationId = :correlation order by r.id", Long.class)
                .setParameter("correlation", correlationId).setMaxResults(MAX_ACTION_REVISIONS).getResultList();
        if (numbers.isEmpty()) {
            return List.of();
        }
        AuditReader reader = AuditReaderFactory.get(entityManager);
        Set<Long> wanted = Set.copyOf(numbers);
        List<EntityChange> changes = new ArrayList<>();
        for (EntityType<?> type : entityManager.getMetamodel().getEntities()) {
            Class<?> javaType = type.getJavaType();
            if (javaType == null || javaType == AttestRevision.class || !reader.isEntityClassAudited(javaType)) {
                continue;
            }
            @SuppressWarnings("unchecked")
            List<Object> ids = reader.createQuery().forRevisionsOfEntity(javaType, true, true)
                    .add(AuditEntity.revisionNumber().in(numbers))
                    .addProjection(AuditEntity.id())
                    .getResultList();
            for (Object id : new LinkedHashSet<>(ids)) {
                for (EntityRevision revision : of(javaType, id)) {
                    if (wanted.contains(revision.revision())) {
                        changes.add(new EntityChange(type.getName(), id, revision));
                    }
                }
            }
        }
        changes.sort(Comparator.comparingLong(change -> change.revision().revision()));
        return changes;
    }

    private Map<Long, AttestRevision> revisions(List<Long> numbers) {
        if (numbers.isEmpty()) {
            return Map.of();
        }
        return entityManager.createQuery("select r from AttestRevision r where r.id in :numbers", AttestRevision.class)
                .setParameter("numbers", numbers).getResultStream()
                .collect(java.util.stream.Collectors.toMap(AttestRevision::getId, r -> r));
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
