package dev.attest.store;

import dev.attest.envers.AttestRevision;
import org.hibernate.boot.MetadataSources;
import org.hibernate.boot.spi.MetadataSourcesContributor;

/**
 * Adds Attest's entities (the event table and the Envers revision entity) to the application's
 * persistence unit, so that {@code persistence.xml} needs no line for them.
 */
public class AttestMappings implements MetadataSourcesContributor {

    @Override
    public void contribute(MetadataSources sources) {
        sources.addAnnotatedClass(AuditEventEntity.class);
        sources.addAnnotatedClass(AttestRevision.class);
    }
}
