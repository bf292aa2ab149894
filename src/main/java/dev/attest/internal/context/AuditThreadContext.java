package dev.attest.internal.context;

import dev.attest.Actor;
import dev.attest.ActorType;
import jakarta.enterprise.concurrent.spi.ThreadContextProvider;
import jakarta.enterprise.concurrent.spi.ThreadContextRestorer;
import jakarta.enterprise.concurrent.spi.ThreadContextSnapshot;

import java.util.Map;

/**
 * Carries the audit context (actor, reason, correlation id, request) into tasks of Jakarta Concurrency
 * managed executors and context services, through the standard thread-context SPI: a task runs as the
 * actor who submitted it, and leaves nothing on the pooled thread afterwards. Context type {@value #TYPE}.
 */
public class AuditThreadContext implements ThreadContextProvider {

    /** The context type name, for {@code @ContextServiceDefinition(propagated = ...)}. */
    public static final String TYPE = "Attest";

    @Override
    public ThreadContextSnapshot currentContext(Map<String, String> properties) {
        Scope submitted = Scope.current();
        Actor actor = submitted.actor();
        if (actor == null) {
            actor = authenticatedSubmitter();
        }
        return snapshot(actor == null ? submitted : submitted.withActor(actor));
    }

    /**
     * The authenticated caller who submits the task, else null: an unauthenticated submitter is no actor to carry,
     * so work the server runs on its own executor (Payara runs batch jobs there) still gets its SYSTEM actor.
     */
    private static Actor authenticatedSubmitter() {
        try {
            Actor caller = CallerResolver.shared().authenticatedCaller();
            return caller.type() == ActorType.ANONYMOUS ? null : caller;
        } catch (RuntimeException outsideTheApplication) {
            return null;
        }
    }

    @Override
    public ThreadContextSnapshot clearedContext(Map<String, String> properties) {
        return snapshot(Scope.EMPTY);
    }

    @Override
    public String getThreadContextType() {
        return TYPE;
    }

    private static ThreadContextSnapshot snapshot(Scope scope) {
        return () -> {
            Scope previous = Scope.enter(scope);
            return (ThreadContextRestorer) () -> Scope.restore(previous);
        };
    }
}
