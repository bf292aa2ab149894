package dev.attest.internal.retention;

import jakarta.persistence.EntityManager;
import jakarta.persistence.metamodel.EntityType;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.envers.AuditReaderFactory;
import org.hibernate.envers.boot.internal.EnversService;
import org.hibernate.persister.entity.AbstractEntityPersister;
import org.hibernate.persister.entity.EntityPersister;

import java.util.Locale;

/** Finds the Envers {@code _AUD} table of an audited entity named as events name their targets. */
final class AuditedEntities {

    private AuditedEntities() {
    }

    /**
     * The {@code _AUD} table (lower case) and id column of the audited entity {@code type} (its JPA name or class
     * name), or null when no audited entity has that name or its id spans several columns.
     */
    static String[] auditTable(EntityManager entityManager, String type) {
        SessionFactoryImplementor factory = entityManager.getEntityManagerFactory().unwrap(SessionFactoryImplementor.class);
        for (EntityType<?> entity : entityManager.getMetamodel().getEntities()) {
            Class<?> java = entity.getJavaType();
            if (java == null || !(entity.getName().equals(type) || java.getName().equals(type))
                    || !AuditReaderFactory.get(entityManager).isEntityClassAudited(java)) {
                continue;
            }
            EntityPersister persister = factory.getMappingMetamodel().getEntityDescriptor(java);
            String auditName = factory.getServiceRegistry().getService(EnversService.class).getConfig()
                    .getAuditEntityName(persister.getEntityName());
            EntityPersister audit = factory.getMappingMetamodel().getEntityDescriptor(auditName);
            if (!(persister instanceof AbstractEntityPersister p) || !(audit instanceof AbstractEntityPersister a)
                    || p.getIdentifierColumnNames().length != 1) {
                return null;
            }
            return new String[] {unquoted(a.getTableName()), unquoted(p.getIdentifierColumnNames()[0])};
        }
        return null;
    }

    private static String unquoted(String name) {
        String bare = name.substring(name.lastIndexOf('.') + 1).replace("\"", "").replace("`", "");
        return bare.toLowerCase(Locale.ROOT);
    }
}
