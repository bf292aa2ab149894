package dev.attest;

import java.util.Map;

/**
 * The one funnel of the audit trail: every event, from every integration, is written here. Inject it to
 * record events of your own.
 *
 * <p>A {@link Outcome#SUCCESS} event is written in the caller's transaction when there is one and commits
 * with it; if that transaction rolls back, a {@link Outcome#FAILURE} event is written instead, in a
 * transaction of its own. Failure and denial events are always written in a transaction of their own, so
 * they survive the rollback of the work they describe. When the store cannot be written,
 * {@code attest.failure-policy} decides (see {@link FailurePolicy}).
 */
public interface AuditLog {

    /** Records {@code record}, filling what it leaves open from the current {@link AuditContext}. */
    void record(AuditRecord record);

    /** {@code authn.login.success}: {@code userId} logged in with {@code mechanism} (FORM, BASIC, JWT, OIDC...). */
    default void loginSucceeded(String userId, String mechanism) {
        record(AuditRecord.of(Category.AUTHENTICATION, "authn.login.success")
                .actor(Actor.user(userId)).detail("mechanism", mechanism));
    }

    /** {@code authn.login.failure}: somebody failed to log in as {@code attemptedUserId}. */
    default void loginFailed(String attemptedUserId, String mechanism, String reason) {
        record(AuditRecord.of(Category.AUTHENTICATION, "authn.login.failure")
                .actor(Actor.anonymous()).outcome(Outcome.FAILURE)
                .target("User", attemptedUserId).detail("mechanism", mechanism).error("LoginFailed", reason));
    }

    /** {@code authn.logout}: {@code userId} logged out. */
    default void logout(String userId, String mechanism) {
        record(AuditRecord.of(Category.AUTHENTICATION, "authn.logout")
                .actor(Actor.user(userId)).detail("mechanism", mechanism));
    }

    /** {@code data.export}: the current actor exported {@code recordCount} records of {@code type}. */
    default void export(String type, String format, long recordCount, long sizeBytes, Map<String, ?> filters) {
        record(AuditRecord.of(Category.EXPORT, "data.export").target(type, null)
                .detail("format", format).detail("records", recordCount)
                .detail("bytes", sizeBytes).detail("filters", filters));
    }

    /**
     * {@code data.download}: the current actor downloaded (part of) the export recorded as event
     * {@code exportEventId}; the download is an event of its own, referencing the export as its target
     * ({@code AuditEvent <id>}).
     */
    default void download(long exportEventId, String format, long sizeBytes) {
        record(AuditRecord.of(Category.EXPORT, DOWNLOAD).target("AuditEvent", exportEventId)
                .detail("format", format).detail("bytes", sizeBytes));
    }

    /** The action of a download of an export. */
    String DOWNLOAD = "data.download";

    /** A {@link Category#SYSTEM} event such as {@code "system.maintenance"}, with a human description. */
    default void system(String action, String description) {
        record(AuditRecord.of(Category.SYSTEM, action).detail("description", description));
    }

    /**
     * A {@link Category#SYSTEM} event of {@code severity} ({@code system.error}, {@code system.warning},
     * {@code system.info}, {@code system.security}, {@code system.performance}) with a title and a description.
     */
    default void system(Severity severity, String title, String description) {
        record(AuditRecord.of(Category.SYSTEM, severity.action())
                .outcome(severity == Severity.ERROR ? Outcome.FAILURE : Outcome.SUCCESS)
                .detail("severity", severity.name()).detail("title", title).detail("description", description));
    }

    /**
     * {@code system.resolved}: the current actor resolved the event {@code eventId}, with a note. The original
     * event stays as it was; {@link AuditTrail#resolution(long)} finds this follow-up.
     */
    default void resolve(long eventId, String note) {
        record(AuditRecord.of(Category.SYSTEM, RESOLVED).target("AuditEvent", eventId).detail("note", note));
    }

    /** The action of the follow-up event that resolves another. */
    String RESOLVED = "system.resolved";
}
