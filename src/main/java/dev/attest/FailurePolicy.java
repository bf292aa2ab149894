package dev.attest;

/** What happens to the business operation when its audit event cannot be written ({@code attest.failure-policy}). */
public enum FailurePolicy {
    /** The operation fails and nothing of it commits. The default. */
    FAIL_CLOSED,
    /** The operation goes on; the lost event is written to the server log at ERROR level, redacted. */
    FAIL_OPEN
}
