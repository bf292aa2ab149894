package dev.attest.query;

import dev.attest.EntityRevision;
import dev.attest.EntityRevision.FieldChange;
import dev.attest.capture.Entities;
import dev.attest.envers.AttestRevision;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.metamodel.Attribute;
import jakarta.persistence.metamodel.SingularAttribute;
import org.hibernate.envers.AuditReader;
import org.hibernate.envers.AuditReaderFactory;
import org.hibernate.envers.NotAudited;
import org.hibernate.envers.RevisionType;
import org.hibernate.envers.query.AuditEntity;

import java.lang.reflect.AccessibleObject;
import java.lang.reflect.Field;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/** Builds entity histories with field diffs from Envers revisions. */
@ApplicationScoped
public class EntityHistories {

    /** How to read one audited attribute of an entity class. */
    private record Property(String name, Member member, boolean association) {
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
        @SuppressWarnings("unchecked")
        List<Object[]> rows = reader.createQuery().forRevisionsOfEntity(entityClass, false, true)
                .add(AuditEntity.id().eq(id))
                .addOrder(AuditEntity.revisionNumber().asc())
                .getResultList();
        List<Property> audited = properties.computeIfAbsent(entityClass, this::auditedProperties);
        List<EntityRevision> history = new ArrayList<>(rows.size());
        Object before = null;
        for (Object[] row : rows) {
            Object state = row[0];
            AttestRevision revision = (AttestRevision) row[1];
            RevisionType type = (RevisionType) row[2];
            Object after = type == RevisionType.DEL ? null : state;
            history.add(new EntityRevision(revision.getId(), revision.getTime(), revision.getActor(), change(type),
                    revision.getCorrelationId(), revision.getRequestId(), revision.getClientAddress(),
                    revision.getReason(), diff(audited, before, after)));
            before = after;
        }
        return history;
    }

    private List<FieldChange> diff(List<Property> audited, Object before, Object after) {
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

    private Object read(Property property, Object entity) {
        try {
            Object value = property.member() instanceof Field field ? field.get(entity) : ((Method) property.member()).invoke(entity);
            return property.association() && value != null ? entities.id(value) : value;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read " + property.name() + " of " + entity.getClass().getName(), e);
        }
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
            accessible.setAccessible(true);
            result.add(new Property(attribute.getName(), member, attribute.isAssociation()));
        }
        result.sort(Comparator.comparing(Property::name));
        return List.copyOf(result);
    }

    private static EntityRevision.Change change(RevisionType type) {
        return switch (type) {
            case ADD -> EntityRevision.Change.ADD;
            case MOD -> EntityRevision.Change.MODIFY;
            case DEL -> EntityRevision.Change.DELETE;
        };
    }
}
