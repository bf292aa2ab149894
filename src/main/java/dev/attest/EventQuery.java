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
    private java.util.Set<Category> categories = java.util.Set.of();
    private Outcome outcome;
    private String targetType;
    private String targetId;
    private String correlationId;
    private String requestId;
    private String clientAddress;
    private String withoutReadsOf;
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

    /** Events of this category; {@code null} for any. */
    public EventQuery category(Category value) {
        this.categories = value == null ? java.util.Set.of() : java.util.Set.of(value);
        return this;
    }

    /** Events of any of these categories; none given for any. */
    public EventQuery categories(java.util.Collection<Category> values) {
        this.categories = values == null ? java.util.Set.of() : java.util.Set.copyOf(values);
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

    /** Events from this client address, as recorded. */
    public EventQuery clientAddress(String value) {
        this.clientAddress = value;
        return this;
    }

    /**
     * Leaves out the {@code audit.read} events of this actor: a viewer's own reading of the trail, which
     * otherwise fills the list they are reading.
     */
    public EventQuery withoutReadsOf(String actorId) {
        this.withoutReadsOf = actorId;
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

    /** The category filter when exactly one category is asked for, else {@code null}. */
    public Category category() {
        return categories.size() == 1 ? categories.iterator().next() : null;
    }

    /** The categories asked for; empty for any. */
    public java.util.Set<Category> categories() {
        return categories;
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

    public String clientAddress() {
        return clientAddress;
    }

    public String withoutReadsOf() {
        return withoutReadsOf;
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
