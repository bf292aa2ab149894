package dev.attest.it.overhead;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/**
 * The columns of Attest's event table without any secondary index: the benchmark's floor writes one row of it
 * per call by hand, so the cost of an event row itself is measured apart from what Attest adds.
 */
@Entity
@Table(name = "bench_floor_event")
public class FloorEvent {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "occurred_at", nullable = false)
    private Instant occurredAt;

    @Column(name = "category", nullable = false, length = 16)
    private String category;

    @Column(name = "action", nullable = false, length = 255)
    private String action;

    @Column(name = "outcome", nullable = false, length = 16)
    private String outcome;

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

    @Column(name = "reason", length = 2_000)
    private String reason;

    @Column(name = "client_address", length = 64)
    private String clientAddress;

    @Column(name = "user_agent", length = 2_000)
    private String userAgent;

    @Column(name = "http_method", length = 16)
    private String httpMethod;

    @Column(name = "http_path", length = 2_000)
    private String httpPath;

    @Column(name = "request_id", length = 128)
    private String requestId;

    @Column(name = "correlation_id", length = 64)
    private String correlationId;

    @Column(name = "duration_ms")
    private Long durationMillis;

    @Column(name = "details", length = 32_000)
    private String details;

    @Column(name = "error_type", length = 255)
    private String errorType;

    @Column(name = "error_message", length = 2_000)
    private String errorMessage;

    @Column(name = "event_key", length = 36)
    private String eventKey;

    @Column(name = "replaces_id")
    private Long replacesId;
}
