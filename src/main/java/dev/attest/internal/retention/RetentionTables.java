package dev.attest.internal.retention;

import dev.attest.internal.seal.SealTables;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Index;
import jakarta.persistence.Table;

import java.time.Instant;

/**
 * The schema of legal holds and erasures. Attest reads and writes these tables with JDBC only; the mappings
 * exist so that the application's persistence unit creates them with the event table.
 */
public final class RetentionTables {

    private RetentionTables() {
    }

    /** A legal hold: the events it covers (every criterion set must match) survive purge and erasure until released. */
    @Entity(name = "AttestHold")
    @Table(name = "attest_hold", indexes = @Index(name = "attest_hold_active", columnList = "released_at"))
    public static class Hold {
        @Id
        @Column(name = "id")
        Long id;
        @Column(name = "case_reference", nullable = false, length = 255)
        String caseReference;
        @Column(name = "actor_id", length = 255)
        String actorId;
        @Column(name = "target_type", length = 255)
        String targetType;
        @Column(name = "target_id", length = 255)
        String targetId;
        @Column(name = "correlation_id", length = 64)
        String correlationId;
        @Column(name = "event_ids", length = 4000)
        String eventIds;
        @Column(name = "held_from")
        Instant from;
        @Column(name = "held_to")
        Instant to;
        @Column(name = "placed_by", nullable = false, length = 255)
        String placedBy;
        @Column(name = "placed_at", nullable = false)
        Instant placedAt;
        @Column(name = "released_by", length = 255)
        String releasedBy;
        @Column(name = "released_at")
        Instant releasedAt;
    }

    /** What an erasure kept of a sealed row whose personal values and salt it removed ({@code ErasedRow}). */
    @Entity(name = "AttestErasedRow")
    @Table(name = "attest_erased_row", indexes = @Index(name = "attest_erased_row_erasure", columnList = "erasure_id"))
    @IdClass(SealTables.RowKey.class)
    public static class ErasedRow {
        @Id
        @Column(name = "ref_table", length = 64)
        String refTable;
        @Id
        @Column(name = "ref_id")
        Long refId;
        @Column(name = "erasure_id", nullable = false)
        Long erasureId;
        @Column(name = "commitments", nullable = false, length = 8000)
        String commitments;
    }

    /**
     * An erasure waiting for a second person's approval ({@code attest.erasure.approval=true}); deleted when it is
     * approved, so that no table keeps the subject afterwards.
     */
    @Entity(name = "AttestErasureRequest")
    @Table(name = "attest_erasure_request")
    public static class ErasureRequest {
        @Id
        @Column(name = "request_reference", length = 255)
        String requestReference;
        @Column(name = "user_id", length = 255)
        String userId;
        @Column(name = "entity_type", length = 255)
        String entityType;
        @Column(name = "entity_id", length = 255)
        String entityId;
        @Column(name = "reason", nullable = false, length = 2000)
        String reason;
        @Column(name = "requested_by", nullable = false, length = 255)
        String requestedBy;
        @Column(name = "requested_at", nullable = false)
        Instant requestedAt;
    }
}
