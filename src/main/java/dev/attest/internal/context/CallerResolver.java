package dev.attest.internal.context;

import dev.attest.Actor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.inject.Inject;
import jakarta.security.enterprise.SecurityContext;

import java.security.Principal;

/**
 * Finds the actor of the current work: the explicit one ({@code runAs}, {@code @AuditActor}), else the
 * authenticated caller of the container's security context, else {@link Actor#anonymous()}. Never guesses: a caller
 * is unauthenticated when Jakarta Security's {@link SecurityContext#getCallerPrincipal()} is null or is the
 * server's own {@link UnauthenticatedCaller unauthenticated principal}, never because of a name, which differs
 * between servers ({@code anonymous} on WildFly, {@code ANONYMOUS} on Payara) and could be a real user's.
 */
@ApplicationScoped
public class CallerResolver {

    private static volatile CallerResolver shared;

    @Inject
    Principal caller;

    @Inject
    SecurityContext security;

    @Inject
    UnauthenticatedCaller unauthenticated;

    /** The actor of the current work on this thread. */
    public Actor currentActor() {
        Actor explicit = Scope.current().actor();
        return explicit != null ? explicit : authenticatedCaller();
    }

    /** The container's authenticated caller, else {@link Actor#anonymous()}; ignores any explicit actor. */
    public Actor authenticatedCaller() {
        String name;
        try {
            if (unauthenticated.isUnauthenticated(security.getCallerPrincipal())) {
                return Actor.anonymous();
            }
            name = caller.getName();
        } catch (RuntimeException noSecurityContext) {
            return Actor.anonymous();
        }
        return name == null || name.isBlank() ? Actor.anonymous() : Actor.user(name);
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
