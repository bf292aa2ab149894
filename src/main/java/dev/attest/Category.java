package dev.attest;

/** What kind of thing an event records. */
public enum Category {
    /** A business action, usually from {@link AuditAction}. */
    ACTION,
    /** A read or a view of data. */
    ACCESS,
    /** A login, a failed login, a logout. */
    AUTHENTICATION,
    /** A data export. */
    EXPORT,
    /** Something the system itself did or suffered. */
    SYSTEM,
    /** A security-relevant observation. */
    SECURITY
}
