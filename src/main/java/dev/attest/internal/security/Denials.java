package dev.attest.internal.security;

import dev.attest.Actor;
import dev.attest.AuditLog;
import dev.attest.AuditRecord;
import dev.attest.Category;
import dev.attest.Outcome;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.attest.internal.server.ServerAdapters;
import dev.attest.internal.system.SystemErrors;

import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

/** Records {@code authz.denied}: a call refused for lack of permission, with the actor and the resource. */
@ApplicationScoped
public class Denials {

    public static final String DENIED = "authz.denied";

    /**
     * Exceptions already recorded, held weakly and by identity: an exception passing several interceptors is one
     * denial. Kept by this application-scoped bean, never by a thread, so nothing outlives the application.
     */
    private final Map<Throwable, Boolean> recorded = Collections.synchronizedMap(new WeakHashMap<>());

    @Inject
    AuditLog log;

    /** Holds the server adapters, which know how their server names the method an EJB denial refused. */
    @Inject
    SecurityExtension security;

    /**
     * Records the denial {@code failure} stands for ({@code EJBAccessException} or JAX-RS
     * {@code ForbiddenException} among its causes), once per exception; does nothing for other exceptions.
     * The resource is the bean and method as the server names them (see {@link #resource}).
     */
    public void deniedBy(Throwable failure, String fallbackResource) {
        String reason = reason(failure);
        if (reason == null || recorded.putIfAbsent(failure, Boolean.TRUE) != null) {
            return;
        }
        denied(null, "EJB", resource(security.servers(), failure, fallbackResource), reason);
    }

    /** {@code Bean#method} as a server adapter reads it from {@code failure}, else {@code fallbackResource}. */
    static String resource(ServerAdapters servers, Throwable failure, String fallbackResource) {
        String named = servers.deniedMethod(failure);
        return named != null ? named : fallbackResource;
    }

    /**
     * The denial an exception stands for, as "Type: message", followed by {@code (Bean#method)} when the server
     * names the refused bean method and its message does not (Payara's "Client not authorized for this
     * invocation"); else {@code null}.
     */
    public String reasonNamingTheMethod(Throwable failure) {
        String reason = reason(failure);
        String named = reason == null ? null : security.servers().deniedMethod(failure);
        if (named == null || reason.contains(named.substring(named.indexOf('#') + 1))) {
            return reason;
        }
        return reason + " (" + named + ")";
    }

    /** The denial an exception stands for, as "Type: message", else {@code null}. */
    public static String reason(Throwable failure) {
        return SystemErrors.denialOf(failure);
    }

    /**
     * Records a denial.
     *
     * @param userId the authenticated caller, {@code null} for the current actor
     * @param resourceType {@code URL} or {@code EJB}
     * @param resource the request path or {@code Bean#method}
     * @param reason what refused it, such as {@code HTTP 403}
     */
    public void denied(String userId, String resourceType, String resource, String reason) {
        AuditRecord record = AuditRecord.of(Category.SECURITY, DENIED).outcome(Outcome.DENIED)
                .target(resourceType, resource).error("AccessDenied", reason);
        if (userId != null) {
            record.actor(Actor.user(userId));
        }
        record(record);
    }

    /**
     * Records {@code denial}, an {@code authz.denied} event built by the caller, as the one denial of the
     * current request: the 403 answer that follows records nothing more.
     */
    public void record(AuditRecord denial) {
        RequestState state = RequestState.current();
        if (state != null) {
            state.denialRecorded(true);
        }
        log.record(denial);
    }
}
