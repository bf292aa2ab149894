package dev.attest.internal.store;

import dev.attest.ActorType;
import dev.attest.AuditEvent;
import dev.attest.Actor;
import dev.attest.Category;
import dev.attest.Outcome;
import dev.attest.internal.config.AttestConfig;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;

/**
 * The append-only event table. Attest writes it with one JDBC insert per event ({@link EventTable}); this
 * mapping gives the schema and the queries. The indexes of {@code on_behalf_of_id} and of the unique
 * {@code event_key}, columns that almost every row leaves empty, are in {@link EventIndexes}: partial on PostgreSQL.
 */
@Entity(name = "AttestEvent")
@Table(name = "attest_event", indexes = {
        @Index(name = "attest_event_time", columnList = "occurred_at, id"),
        @Index(name = "attest_event_actor", columnList = "actor_id, occurred_at, id"),
        @Index(name = "attest_event_target", columnList = "target_type, target_id, occurred_at, id"),
        @Index(name = "attest_event_action", columnList = "action, occurred_at, id"),
        @Index(name = "attest_event_correlation", columnList = "correlation_id"),
        @Index(name = "attest_event_request", columnList = "request_id")
})
public class AuditEventEntity {

    private static final int TEXT = AttestConfig.TEXT_COLUMN_LENGTH;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "occurred_at", nullable = false)
    private Instant occurredAt;

    @Enumerated(EnumType.STRING)
    @JdbcTypeCode(SqlTypes.VARCHAR)
    @Column(name = "category", nullable = false, length = 16)
    private Category category;

    @Column(name = "action", nullable = false, length = 255)
    private String action;

    @Enumerated(EnumType.STRING)
    @JdbcTypeCode(SqlTypes.VARCHAR)
    @Column(name = "outcome", nullable = false, length = 16)
    private Outcome outcome;

    @Column(name = "actor_type", nullable = false, length = 16)
    private String actorType;

    @Column(name = "actor_id", nullable = false, length = 255)
    private String actorId;

    @Column(name = "on_behalf_of_type", length = 16)
    private String onBehalfOfType;

    @Column(name = "on_behalf_of_id", length = 255)
    private String onBehalfOfId;

    @Column(name = "target_type", length = 255)
    private String targetType;

    @Column(name = "target_id", length = 255)
    private String targetId;

    @Column(name = "reason", length = TEXT)
    private String reason;

    @Column(name = "client_address", length = 64)
    private String clientAddress;

    @Column(name = "user_agent", length = TEXT)
    private String userAgent;

    @Column(name = "http_method", length = 16)
    private String httpMethod;

    @Column(name = "http_path", length = TEXT)
    private String httpPath;

    @Column(name = "request_id", length = 128)
    private String requestId;

    @Column(name = "correlation_id", length = 64)
    private String correlationId;

    @Column(name = "duration_ms")
    private Long durationMillis;

    @Column(name = "details", length = AttestConfig.DETAILS_COLUMN_LENGTH)
    private String details;

    @Column(name = "error_type", length = 255)
    private String errorType;

    @Column(name = "error_message", length = TEXT)
    private String errorMessage;

    /** Set on events written from the durable journal: makes their insert idempotent. */
    @Column(name = "event_key", length = 36)
    private String eventKey;

    /** On a FAILURE row written after a rollback: the id of the rolled-back row it stands for. */
    @Column(name = "replaces_id")
    private Long replacesId;

    /** An actor from its stored columns. */
    public static Actor actor(String type, String id, String onBehalfOfType, String onBehalfOfId) {
        Actor actor = new Actor(ActorType.valueOf(type), id);
        return onBehalfOfId == null ? actor : actor.onBehalfOf(new Actor(ActorType.valueOf(onBehalfOfType), onBehalfOfId));
    }

    /** The read model of this row. */
    public AuditEvent toEvent() {
        return new AuditEvent(id, occurredAt, category, action, outcome,
                actor(actorType, actorId, onBehalfOfType, onBehalfOfId), targetType, targetId, reason, clientAddress,
                userAgent, httpMethod, httpPath, requestId, correlationId, durationMillis, details, errorType,
                errorMessage);
    }
}
