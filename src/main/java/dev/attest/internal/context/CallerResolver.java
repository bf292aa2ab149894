package dev.attest.internal.context;

import dev.attest.Actor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.inject.Inject;

import java.security.Principal;

/**
 * Finds the actor of the current work: the explicit one ({@code runAs}, {@code @AuditActor}), else the
 * authenticated caller of the container's security context, else {@link Actor#anonymous()}. Never guesses.
 */
@ApplicationScoped
public class CallerResolver {

    /** The name containers give the principal of an unauthenticated call. */
    private static final String ANONYMOUS_PRINCIPAL = "anonymous";

    private static volatile CallerResolver shared;

    @Inject
    Principal caller;

    /** The actor of the current work on this thread. */
    public Actor currentActor() {
        Actor explicit = Scope.current().actor();
        return explicit != null ? explicit : authenticatedCaller();
    }

    /** The container's authenticated caller, else {@link Actor#anonymous()}; ignores any explicit actor. */
    public Actor authenticatedCaller() {
        String name;
        try {
            name = caller.getName();
        } catch (RuntimeException noSecurityContext) {
            return Actor.anonymous();
        }
        if (name == null || name.isBlank() || ANONYMOUS_PRINCIPAL.equals(name)) {
            return Actor.anonymous();
        }
        return Actor.user(name);
    }

    /** The resolver for code that CDI does not create, such as Envers listeners and static helpers. */
    public static CallerResolver shared() {
        CallerResolver resolver = shared;
        if (resolver == null) {
            resolver = CDI.current().select(CallerResolver.class).get();
            shared = resolver;
        }
        return resolver;
    }
}
