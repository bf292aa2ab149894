package dev.attest;

import dev.attest.internal.context.CallerResolver;
import dev.attest.internal.context.Scope;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The audit context of the current thread: who acts, why, and which action the work belongs to.
 *
 * <p>Every event and every Envers revision written inside {@code runAs} or {@code withReason} carries that
 * actor or reason. Nesting restores the outer value when the inner work ends, also when it throws, and a
 * pooled thread keeps nothing after the work.
 */
public final class AuditContext {

    private AuditContext() {
    }

    /** Runs {@code work} as {@code actor}. */
    public static void runAs(Actor actor, Runnable work) {
        runAs(actor, () -> {
            work.run();
            return null;
        });
    }

    /** Runs {@code work} as {@code actor} and returns its result. */
    public static <T> T runAs(Actor actor, Supplier<T> work) {
        Objects.requireNonNull(actor, "actor");
        return within(Scope.current().withActor(actor), work);
    }

    /** Runs {@code work} with {@code reason} recorded on its events and revisions. */
    public static void withReason(String reason, Runnable work) {
        withReason(reason, () -> {
            work.run();
            return null;
        });
    }

    /** Runs {@code work} with {@code reason} recorded on its events and revisions, and returns its result. */
    public static <T> T withReason(String reason, Supplier<T> work) {
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("a reason must not be blank");
        }
        return within(Scope.current().withReason(reason), work);
    }

    /** The actor of the current work: explicit, else the authenticated caller, else anonymous. */
    public static Actor currentActor() {
        return CallerResolver.shared().currentActor();
    }

    /** The reason set with {@link #withReason}, if any. */
    public static Optional<String> reason() {
        return Optional.ofNullable(Scope.current().reason());
    }

    /** The correlation id of the audited action running on this thread, if any. */
    public static Optional<String> correlationId() {
        return Optional.ofNullable(Scope.current().correlationId());
    }

    /** The id of the HTTP request being served, if any. */
    public static Optional<String> requestId() {
        Scope scope = Scope.current();
        return Optional.ofNullable(scope.request() == null ? null : scope.request().requestId());
    }

    private static <T> T within(Scope scope, Supplier<T> work) {
        Scope previous = Scope.enter(scope);
        try {
            return work.get();
        } finally {
            Scope.restore(previous);
        }
    }
}
