package dev.attest;

import java.time.Instant;

/**
 * Filters for {@link AuditTrail#events}. Every filter is optional; all that are set must match. Pages go
 * newest first (by time of occurrence, then id): pass the id of a page's last event to {@link #before(long)}
 * for the next one.
 */
public final class EventQuery {

    /** The most events one query returns. */
    public static final int MAX_LIMIT = 1_000;

    private String actorId;
    private String action;
    private Category category;
    private Outcome outcome;
    private String targetType;
    private String targetId;
    private String correlationId;
    private String requestId;
    private Instant from;
    private Instant to;
    private String text;
    private Long before;
    private int limit = 100;

    /** Events of the actor with this id, or done on behalf of it. */
    public EventQuery actor(String value) {
        this.actorId = value;
        return this;
    }

    /** Events of this action; {@code *} matches any characters, as in {@code "invoice.*"}. */
    public EventQuery action(String value) {
        this.action = value;
        return this;
    }

    public EventQuery category(Category value) {
        this.category = value;
        return this;
    }

    public EventQuery outcome(Outcome value) {
        this.outcome = value;
        return this;
    }

    /** Events about this target; a {@code null} id matches every record of the type. */
    public EventQuery target(String type, Object id) {
        this.targetType = type;
        this.targetId = id == null ? null : String.valueOf(id);
        return this;
    }

    public EventQuery correlationId(String value) {
        this.correlationId = value;
        return this;
    }

    public EventQuery requestId(String value) {
        this.requestId = value;
        return this;
    }

    /** Events that occurred at or after {@code value}. */
    public EventQuery from(Instant value) {
        this.from = value;
        return this;
    }

    /** Events that occurred before {@code value}. */
    public EventQuery to(Instant value) {
        this.to = value;
        return this;
    }

    /** Events whose action, target, reason, details or error contain {@code value}, ignoring case. */
    public EventQuery text(String value) {
        this.text = value;
        return this;
    }

    /** Events after the event with this id in newest-first order (the cursor of the next page). */
    public EventQuery before(long id) {
        this.before = id;
        return this;
    }

    /** At most this many events, 1 to {@value #MAX_LIMIT}; 100 by default. */
    public EventQuery limit(int value) {
        if (value < 1 || value > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT + ", not " + value);
        }
        this.limit = value;
        return this;
    }

    public String actorId() {
        return actorId;
    }

    public String action() {
        return action;
    }

    public Category category() {
        return category;
    }

    public Outcome outcome() {
        return outcome;
    }

    public String targetType() {
        return targetType;
    }

    public String targetId() {
        return targetId;
    }

    public String correlationId() {
        return correlationId;
    }

    public String requestId() {
        return requestId;
    }

    public Instant from() {
        return from;
    }

    public Instant to() {
        return to;
    }

    public String text() {
        return text;
    }

    public Long before() {
        return before;
    }

    public int limit() {
        return limit;
    }
}
