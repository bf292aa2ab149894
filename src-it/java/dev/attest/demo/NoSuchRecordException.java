package dev.attest.demo;

import jakarta.ejb.ApplicationException;

/** The requested record does not exist. */
@ApplicationException(rollback = true)
public class NoSuchRecordException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public NoSuchRecordException(String type, long id) {
        super("no " + type + " " + id);
    }
}
