package dev.attest.security;

import dev.attest.Actor;
import dev.attest.AuditLog;
import dev.attest.AuditRecord;
import dev.attest.Category;
import dev.attest.Outcome;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Records {@code authz.denied}: a call refused for lack of permission, with the actor and the resource. */
@ApplicationScoped
public class Denials {

    public static final String DENIED = "authz.denied";

    @Inject
    AuditLog log;

    /**
     * Records a denial.
     *
     * @param userId the authenticated caller, {@code null} for the current actor
     * @param resourceType {@code URL} or {@code EJB}
     * @param resource the request path or {@code Bean#method}
     * @param reason what refused it, such as {@code HTTP 403}
     */
    public void denied(String userId, String resourceType, String resource, String reason) {
        RequestState state = RequestState.current();
        if (state != null) {
            state.denialRecorded = true;
        }
        AuditRecord record = AuditRecord.of(Category.SECURITY, DENIED).outcome(Outcome.DENIED)
                .target(resourceType, resource).error("AccessDenied", reason);
        if (userId != null) {
            record.actor(Actor.user(userId));
        }
        log.record(record);
    }
}
