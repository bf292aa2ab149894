package dev.attest.internal.context;

import dev.attest.Actor;

/**
 * The audit context of one thread at one moment: an immutable value, so it can be captured and carried to
 * another thread as it is. {@code null} members mean "not set here".
 *
 * @param actor the explicitly set actor ({@code runAs}, {@code @AuditActor}), else {@code null}
 * @param reason why the work is done
 * @param correlationId the id shared by the outermost audited action and every revision it causes
 * @param request the HTTP request the work serves
 */
public record Scope(Actor actor, String reason, String correlationId, RequestInfo request) {

    static final Scope EMPTY = new Scope(null, null, null, null);

    /**
     * Holds a value only between {@link #enter} and {@link #restore}: reading it never creates an entry, so a
     * pooled server thread (timer, message consumer, transaction reaper) keeps nothing, and nothing pins the
     * application's class loader after it is undeployed.
     */
    private static final ThreadLocal<Scope> CURRENT = new ThreadLocal<>();

    /** The scope of the calling thread, never {@code null}. */
    public static Scope current() {
        Scope scope = CURRENT.get();
        return scope == null ? EMPTY : scope;
    }

    /** Makes {@code scope} current and returns the one it replaces, to hand back to {@link #restore}. */
    public static Scope enter(Scope scope) {
        Scope previous = current();
        set(scope == null ? EMPTY : scope, previous);
        return previous;
    }

    /** Restores what {@link #enter} returned; an empty scope leaves nothing behind on a pooled thread. */
    public static void restore(Scope previous) {
        set(previous == null ? EMPTY : previous, current());
    }

    private static void set(Scope scope, Scope left) {
        if (scope.isEmpty()) {
            CURRENT.remove();
        } else {
            CURRENT.set(scope);
        }
        AsynchronousCalls.changed(left, scope);
    }

    /** Whether nothing is set here: compared member by member, as a record's {@code equals} costs far more per call. */
    boolean isEmpty() {
        return actor == null && reason == null && correlationId == null && request == null;
    }

    public Scope withActor(Actor newActor) {
        return new Scope(newActor, reason, correlationId, request);
    }

    public Scope withReason(String newReason) {
        return new Scope(actor, newReason, correlationId, request);
    }

    public Scope withCorrelationId(String newCorrelationId) {
        return new Scope(actor, reason, newCorrelationId, request);
    }

    public Scope withRequest(RequestInfo newRequest) {
        return new Scope(actor, reason, correlationId, newRequest);
    }
}
