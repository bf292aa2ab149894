package dev.attest;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An event to hand to {@link AuditLog#record}. Only the category and the action are required; the actor,
 * reason, correlation id and request context default to the current {@link AuditContext}, the time to now.
 * Details are stored as JSON, redacted and bounded like action arguments.
 */
public final class AuditRecord {

    private final Category category;
    private final String action;
    private Outcome outcome = Outcome.SUCCESS;
    private Actor actor;
    private String targetType;
    private Object targetId;
    private Object targetEntity;
    private String reason;
    // most records carry one to five details: a table of 8 slots instead of the default 16
    private final Map<String, Object> details = new LinkedHashMap<>(8);
    private String errorType;
    private String errorMessage;
    private Long durationMillis;
    private Instant occurredAt;

    private AuditRecord(Category category, String action) {
        this.category = Objects.requireNonNull(category, "category");
        if (action == null || action.isBlank()) {
            throw new IllegalArgumentException("an audit event needs a non-blank action name");
        }
        this.action = action;
    }

    /** A new event of {@code category} named {@code action}, such as {@code "invoice.approve"}. */
    public static AuditRecord of(Category category, String action) {
        return new AuditRecord(category, action);
    }

    public AuditRecord outcome(Outcome value) {
        this.outcome = Objects.requireNonNull(value, "outcome");
        return this;
    }

    /** Who acted, when it is not the current actor of the {@link AuditContext}. */
    public AuditRecord actor(Actor value) {
        this.actor = value;
        return this;
    }

    /** The record acted upon, by type and id. */
    public AuditRecord target(String type, Object id) {
        this.targetType = type;
        this.targetId = id;
        this.targetEntity = null;
        return this;
    }

    /** The entity acted upon; its name and id are read when the event is written. */
    public AuditRecord target(Object entity) {
        this.targetEntity = entity;
        return this;
    }

    public AuditRecord reason(String value) {
        this.reason = value;
        return this;
    }

    /** Adds a detail; sensitive names are masked and the value is bounded. */
    public AuditRecord detail(String key, Object value) {
        details.put(Objects.requireNonNull(key, "key"), value);
        return this;
    }

    /** Records a failure: outcome {@link Outcome#FAILURE}, the exception type and its (bounded) message. */
    public AuditRecord failure(Throwable error) {
        this.outcome = Outcome.FAILURE;
        this.errorType = error.getClass().getName();
        this.errorMessage = error.getMessage();
        return this;
    }

    /** Records an error by type name and message without an exception at hand. */
    public AuditRecord error(String type, String message) {
        this.errorType = type;
        this.errorMessage = message;
        return this;
    }

    public AuditRecord durationMillis(long value) {
        this.durationMillis = value;
        return this;
    }

    public AuditRecord occurredAt(Instant value) {
        this.occurredAt = value;
        return this;
    }

    public Category category() {
        return category;
    }

    public String action() {
        return action;
    }

    public Outcome outcome() {
        return outcome;
    }

    public Actor actor() {
        return actor;
    }

    public String targetType() {
        return targetType;
    }

    public Object targetId() {
        return targetId;
    }

    public Object targetEntity() {
        return targetEntity;
    }

    public String reason() {
        return reason;
    }

    public Map<String, Object> details() {
        return Collections.unmodifiableMap(details);
    }

    public String errorType() {
        return errorType;
    }

    public String errorMessage() {
        return errorMessage;
    }

    public Long durationMillis() {
        return durationMillis;
    }

    public Instant occurredAt() {
        return occurredAt;
    }
}
