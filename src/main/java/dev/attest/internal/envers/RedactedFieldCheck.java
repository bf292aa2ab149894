package dev.attest.internal.envers;

import dev.attest.Redacted;
import org.hibernate.boot.Metadata;
import org.hibernate.boot.spi.BootstrapContext;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.envers.Audited;
import org.hibernate.envers.NotAudited;
import org.hibernate.integrator.spi.Integrator;
import org.hibernate.mapping.PersistentClass;
import org.hibernate.service.spi.SessionFactoryServiceRegistry;

import java.lang.reflect.Field;

/**
 * Refuses to start a persistence unit in which Envers would store a {@link Redacted} entity field: such a
 * field must also be {@link NotAudited}, so its value never reaches the revision tables.
 */
public class RedactedFieldCheck implements Integrator {

    @Override
    public void integrate(Metadata metadata, BootstrapContext bootstrapContext, SessionFactoryImplementor sessionFactory) {
        for (PersistentClass entity : metadata.getEntityBindings()) {
            Class<?> type = entity.getMappedClass();
            for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
                boolean audited = c.isAnnotationPresent(Audited.class);
                for (Field field : c.getDeclaredFields()) {
                    if (field.isAnnotationPresent(Redacted.class) && !field.isAnnotationPresent(NotAudited.class)
                            && (audited || field.isAnnotationPresent(Audited.class))) {
                        throw new IllegalStateException("@Redacted field " + c.getName() + "." + field.getName()
                                + " is audited by Envers, which would store its value: add @NotAudited to it");
                    }
                }
            }
        }
    }

    @Override
    public void disintegrate(SessionFactoryImplementor sessionFactory, SessionFactoryServiceRegistry serviceRegistry) {
    }
}
