package dev.attest.internal.store;

import dev.attest.Category;
import dev.attest.Outcome;

import jakarta.transaction.Status;

import java.time.Instant;

/** One row of the event table, complete and already redacted, neutralised and bounded. */
public record EventRow(Instant occurredAt, Category category, String action, Outcome outcome,
                       String actorType, String actorId, String onBehalfOfType, String onBehalfOfId, String targetType, String targetId, String reason,
                       String clientAddress, String userAgent, String httpMethod, String httpPath,
                       String requestId, String correlationId, Long durationMillis, String details,
                       String errorType, String errorMessage, Long replacesId) {

    static final String ROLLED_BACK = "TransactionRolledBack";
    static final String NOT_ACTIVE = "TransactionNotActive";

    /**
     * The same event as a failure: its transaction rolled back after the work returned. {@code replacesId} is
     * the id the rolled-back row had, when it was inserted: the sealed log explains that id's gap with it.
     */
    EventRow rolledBack(Long replacesId) {
        return new EventRow(occurredAt, category, action, Outcome.FAILURE, actorType, actorId, onBehalfOfType, onBehalfOfId, targetType, targetId,
                reason, clientAddress, userAgent, httpMethod, httpPath, requestId, correlationId, durationMillis,
                details, ROLLED_BACK, "the transaction rolled back after the action returned", replacesId);
    }

    /**
     * The same event as a failure because its transaction was not active when the work returned: rolled back
     * (by a timeout, a veto, a failed commit) or in any state but active, which never means success.
     */
    EventRow notCommitted(int status) {
        if (status == Status.STATUS_MARKED_ROLLBACK || status == Status.STATUS_ROLLEDBACK
                || status == Status.STATUS_ROLLING_BACK) {
            return rolledBack(null);
        }
        return new EventRow(occurredAt, category, action, Outcome.FAILURE, actorType, actorId, onBehalfOfType, onBehalfOfId, targetType, targetId,
                reason, clientAddress, userAgent, httpMethod, httpPath, requestId, correlationId, durationMillis,
                details, NOT_ACTIVE, "the transaction was not active when the action returned (status " + status + ")", null);
    }

    /** A one-line description for the server log: no details, all parts already neutralised. */
    String summary() {
        return "action=" + action + " category=" + category + " outcome=" + outcome + " actor=" + actorType + ":" + actorId + (onBehalfOfId == null ? "" : " for " + onBehalfOfType + ":" + onBehalfOfId)
                + " target=" + targetType + ":" + targetId + " correlation=" + correlationId + " request=" + requestId
                + " at=" + occurredAt;
    }
}
