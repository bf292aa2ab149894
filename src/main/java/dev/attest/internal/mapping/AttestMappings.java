package dev.attest.internal.mapping;

import dev.attest.internal.envers.AttestRevision;
import dev.attest.internal.retention.RetentionTables;
import dev.attest.internal.seal.SealTables;
import dev.attest.internal.store.AuditEventEntity;
import dev.attest.internal.store.EventIndexes;
import org.hibernate.boot.MetadataSources;
import org.hibernate.boot.ResourceStreamLocator;
import org.hibernate.boot.spi.AdditionalMappingContributions;
import org.hibernate.boot.spi.AdditionalMappingContributor;
import org.hibernate.boot.spi.InFlightMetadataCollector;
import org.hibernate.boot.spi.MetadataBuildingContext;
import org.hibernate.boot.spi.MetadataSourcesContributor;

/**
 * Adds Attest's entities (the event table, the Envers revision entity and the sealed log's tables, legal holds and erased rows) to the application's
 * persistence unit, so that {@code persistence.xml} needs no line for them.
 */
public class AttestMappings implements MetadataSourcesContributor, AdditionalMappingContributor {

    @Override
    public void contribute(MetadataSources sources) {
        sources.addAnnotatedClass(AuditEventEntity.class);
        sources.addAnnotatedClass(AttestRevision.class);
        sources.addAnnotatedClass(SealTables.Leaf.class);
        sources.addAnnotatedClass(SealTables.State.class);
        sources.addAnnotatedClass(SealTables.Gap.class);
        sources.addAnnotatedClass(SealTables.Lease.class);
        sources.addAnnotatedClass(SealTables.CheckpointCopy.class);
        sources.addAnnotatedClass(RetentionTables.Hold.class);
        sources.addAnnotatedClass(RetentionTables.ErasedRow.class);
        sources.addAnnotatedClass(RetentionTables.ErasureRequest.class);
    }

    /** The event table's indexes that depend on the database: {@link EventIndexes}. */
    @Override
    public void contribute(AdditionalMappingContributions contributions, InFlightMetadataCollector metadata,
                           ResourceStreamLocator resources, MetadataBuildingContext context) {
        EventIndexes.schemaObjects().forEach(contributions::contributeAuxiliaryDatabaseObject);
    }
}
