package dev.attest.internal.capture;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.Entity;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceUnit;
import jakarta.persistence.PersistenceUnitUtil;

/**
 * Recognises JPA entities and names them as the audit trail does: entity name and identifier. Class facts
 * are computed once per class.
 */
@ApplicationScoped
public class Entities {

    private static final ClassValue<String> ENTITY_NAMES = new ClassValue<>() {
        @Override
        protected String computeValue(Class<?> type) {
            for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
                Entity entity = c.getAnnotation(Entity.class);
                if (entity != null) {
                    return entity.name().isEmpty() ? c.getSimpleName() : entity.name();
                }
            }
            return "";
        }
    };

    @PersistenceUnit
    EntityManagerFactory entityManagerFactory;

    private volatile PersistenceUnitUtil units;

    /** Whether {@code value} is an entity instance (or an entity proxy). */
    public boolean isEntity(Object value) {
        return value != null && isEntityClass(value.getClass());
    }

    public boolean isEntityClass(Class<?> type) {
        return !ENTITY_NAMES.get(type).isEmpty();
    }

    /** The entity name of an entity class: {@code @Entity(name)} or the simple class name. */
    public static String entityName(Class<?> type) {
        String name = ENTITY_NAMES.get(type);
        return name.isEmpty() ? type.getSimpleName() : name;
    }

    /** The identifier of an entity instance, {@code null} before it is persisted; never loads a lazy proxy. */
    public Object id(Object entity) {
        PersistenceUnitUtil util = units;
        if (util == null) {
            util = entityManagerFactory.getPersistenceUnitUtil();
            units = util;
        }
        try {
            return util.getIdentifier(entity);
        } catch (RuntimeException notManagedHere) {
            return null;
        }
    }
}
