package dev.attest;

import java.time.Instant;

/**
 * One recorded event, as {@link AuditTrail} returns it. Text is stored neutralised and bounded; details
 * are JSON with sensitive values already replaced by {@link Redacted#MASK}.
 *
 * @param id increasing identifier
 * @param occurredAt when the work started (UTC)
 * @param category what kind of event
 * @param action the action name, such as {@code "invoice.approve"}
 * @param outcome how the work ended
 * @param actor who acted
 * @param targetType the type of the record acted upon, or {@code null}
 * @param targetId the id of the record acted upon, or {@code null}
 * @param reason why, if given
 * @param clientAddress the client's address, if the work served an HTTP request
 * @param userAgent the client's user agent
 * @param httpMethod the HTTP method
 * @param httpPath the request path, without the query string
 * @param requestId the request id (incoming {@code X-Request-ID} or generated)
 * @param correlationId the id shared by an action's events and the Envers revisions it caused
 * @param durationMillis how long the work took, if measured
 * @param details JSON: arguments of an action, or the details of a manual event
 * @param errorType the exception type of a failure
 * @param errorMessage the bounded message of a failure
 */
public record AuditEvent(long id, Instant occurredAt, Category category, String action, Outcome outcome,
                         Actor actor, String targetType, String targetId, String reason, String clientAddress,
                         String userAgent, String httpMethod, String httpPath, String requestId,
                         String correlationId, Long durationMillis, String details, String errorType,
                         String errorMessage) {
}
