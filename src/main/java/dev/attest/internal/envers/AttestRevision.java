package dev.attest.internal.envers;

import dev.attest.Actor;
import dev.attest.internal.store.AuditEventEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import org.hibernate.envers.RevisionEntity;
import org.hibernate.envers.RevisionNumber;
import org.hibernate.envers.RevisionTimestamp;

import java.time.Instant;

/**
 * Attest's Envers revision: besides number and time, who made the change, from where, why, and the
 * correlation id of the audited action that caused it (the join to the event table).
 */
@Entity(name = "AttestRevision")
@Table(name = "attest_revision", indexes = {
        @Index(name = "attest_revision_correlation", columnList = "correlation_id"),
        @Index(name = "attest_revision_actor", columnList = "actor_id, revision_time")
})
@RevisionEntity(AttestRevisionListener.class)
public class AttestRevision {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @RevisionNumber
    private Long id;

    @RevisionTimestamp
    @Column(name = "revision_time", nullable = false)
    private long timestamp;

    @Column(name = "actor_type", length = 16)
    private String actorType;

    @Column(name = "actor_id", length = 255)
    private String actorId;

    @Column(name = "on_behalf_of_type", length = 16)
    private String onBehalfOfType;

    @Column(name = "on_behalf_of_id", length = 255)
    private String onBehalfOfId;

    @Column(name = "request_id", length = 128)
    private String requestId;

    @Column(name = "client_address", length = 64)
    private String clientAddress;

    @Column(name = "correlation_id", length = 64)
    private String correlationId;

    @Column(name = "reason", length = 2000)
    private String reason;

    public Long getId() {
        return id;
    }

    public Instant getTime() {
        return Instant.ofEpochMilli(timestamp);
    }

    public Actor getActor() {
        return actorType == null ? null : AuditEventEntity.actor(actorType, actorId, onBehalfOfType, onBehalfOfId);
    }

    public String getRequestId() {
        return requestId;
    }

    public String getClientAddress() {
        return clientAddress;
    }

    public String getCorrelationId() {
        return correlationId;
    }

    public String getReason() {
        return reason;
    }

    void record(Actor actor, String requestId, String clientAddress, String correlationId, String reason) {
        this.actorType = actor.type().name();
        this.actorId = actor.id();
        this.onBehalfOfType = actor.onBehalfOf() == null ? null : actor.onBehalfOf().type().name();
        this.onBehalfOfId = actor.onBehalfOf() == null ? null : actor.onBehalfOf().id();
        this.requestId = requestId;
        this.clientAddress = clientAddress;
        this.correlationId = correlationId;
        this.reason = reason;
    }
}
