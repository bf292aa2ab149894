package dev.attest.internal.seal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;

import java.io.Serializable;
import java.time.Instant;

/**
 * The schema of the sealed log. Attest reads and writes these tables with JDBC only ({@link Sealer}); the
 * mappings exist so that the application's persistence unit creates them with the event table.
 */
public final class SealTables {

    private SealTables() {
    }

    /** One leaf of the log, in seal order; {@code (ref_table, ref_id)} is sealed once. */
    @Entity(name = "AttestSealLeaf")
    @Table(name = "attest_seal_leaf",
            uniqueConstraints = @UniqueConstraint(name = "attest_seal_leaf_row", columnNames = {"ref_table", "ref_id"}))
    public static class Leaf {
        @Id
        @Column(name = "leaf_index")
        Long index;
        @Column(name = "kind", nullable = false, length = 16)
        String kind;
        @Column(name = "ref_table", nullable = false, length = 64)
        String refTable;
        @Column(name = "ref_id", nullable = false)
        Long refId;
        @Column(name = "salt", length = 32)
        String salt;
        @Column(name = "leaf_hash", nullable = false, length = 64)
        String leafHash;
        @Column(name = "aud_digests", length = 32_000)
        String audDigests;
        @Column(name = "sealed_at", nullable = false)
        Instant sealedAt;
    }

    /** The tree state: size, the right edge of the tree, and how far each table is sealed. One row, id 1. */
    @Entity(name = "AttestSealState")
    @Table(name = "attest_seal_state")
    public static class State {
        @Id
        @Column(name = "id")
        Integer id;
        @Column(name = "tree_size", nullable = false)
        Long size;
        @Column(name = "frontier", nullable = false, length = 4_096)
        String frontier;
        @Column(name = "event_high", nullable = false)
        Long eventHigh;
        @Column(name = "revision_high", nullable = false)
        Long revisionHigh;
        @Column(name = "updated_at", nullable = false)
        Instant updatedAt;
    }

    /** An id skipped in commit order, sealed when its row commits or closed by a control leaf after the horizon. */
    @Entity(name = "AttestSealGap")
    @Table(name = "attest_seal_gap", indexes = @Index(name = "attest_seal_gap_opened", columnList = "opened_at"))
    @IdClass(RowKey.class)
    public static class Gap {
        @Id
        @Column(name = "ref_table", length = 64)
        String refTable;
        @Id
        @Column(name = "ref_id")
        Long refId;
        @Column(name = "opened_at", nullable = false)
        Instant openedAt;
    }

    /** The key of a row of a sealed table named by table and id ({@link Gap}, and the erased rows of retention). */
    public static class RowKey implements Serializable {
        String refTable;
        Long refId;

        @Override
        public boolean equals(Object o) {
            return o instanceof RowKey k && java.util.Objects.equals(refTable, k.refTable) && java.util.Objects.equals(refId, k.refId);
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(refTable, refId);
        }
    }

    /** Who seals: taken and renewed by compare-and-set on database time. */
    @Entity(name = "AttestSealLease")
    @Table(name = "attest_seal_lease")
    public static class Lease {
        @Id
        @Column(name = "name", length = 32)
        String name;
        @Column(name = "holder", nullable = false, length = 128)
        String holder;
        @Column(name = "expires_at", nullable = false)
        Instant expiresAt;
    }

    /** A copy of each signed checkpoint, for convenience; the checkpoint file is the record. */
    @Entity(name = "AttestSealCheckpoint")
    @Table(name = "attest_seal_checkpoint", indexes = @Index(name = "attest_seal_checkpoint_size", columnList = "tree_size"))
    public static class CheckpointCopy {
        @Id
        @Column(name = "hash", length = 64)
        String hash;
        @Column(name = "tree_size", nullable = false)
        Long size;
        @Column(name = "checkpoint", nullable = false, length = 4_000)
        String checkpoint;
    }
}
