package dev.attest;

/**
 * An audit event could not be written and {@code attest.failure-policy} is {@link FailurePolicy#FAIL_CLOSED}:
 * the operation fails and its transaction rolls back.
 */
public class AuditWriteException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public AuditWriteException(String message, Throwable cause) {
        super(message, cause);
    }
}
