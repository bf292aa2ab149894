package dev.attest.demo;

import jakarta.ejb.ApplicationException;

/** The invoice is not in a state that allows the operation; nothing of the operation commits. */
@ApplicationException(rollback = true)
public class InvoiceStateException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public InvoiceStateException(String message) {
        super(message);
    }
}
