package dev.attest.internal.mapping;

import dev.attest.internal.envers.AttestRevision;
import dev.attest.internal.seal.SealTables;
import dev.attest.internal.store.AuditEventEntity;
import org.hibernate.boot.MetadataSources;
import org.hibernate.boot.spi.MetadataSourcesContributor;

/**
 * Adds Attest's entities (the event table, the Envers revision entity and the sealed log's tables) to the application's
 * persistence unit, so that {@code persistence.xml} needs no line for them.
 */
public class AttestMappings implements MetadataSourcesContributor {

    @Override
    public void contribute(MetadataSources sources) {
        sources.addAnnotatedClass(AuditEventEntity.class);
        sources.addAnnotatedClass(AttestRevision.class);
        sources.addAnnotatedClass(SealTables.Leaf.class);
        sources.addAnnotatedClass(SealTables.State.class);
        sources.addAnnotatedClass(SealTables.Gap.class);
        sources.addAnnotatedClass(SealTables.Lease.class);
        sources.addAnnotatedClass(SealTables.CheckpointCopy.class);
    }
}
