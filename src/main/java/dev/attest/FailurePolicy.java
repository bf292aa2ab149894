package dev.attest;

/** What happens to the business operation when its audit event cannot be written ({@code attest.failure-policy}). */
public enum FailurePolicy {
    /**
     * The operation fails with {@link AuditWriteException} and nothing of its transaction commits. The default.
     * Work done without a transaction cannot be undone: its event is kept in the durable journal.
     */
    FAIL_CLOSED,
    /**
     * The operation goes on; the event is kept in the durable journal (forced to disk) and written to the
     * store when it answers again, with its original time. Lost, and logged at SEVERE, only when the journal
     * is full or cannot be written.
     */
    FAIL_OPEN
}
