package dev.attest.it.security;

import dev.attest.AuditAction;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;

/** An audited action that calls a bean the caller may not be allowed to call. */
@ApplicationScoped
public class PeekService {

    @EJB
    ViewerBean viewer;

    @AuditAction("viewer.peek")
    public String peek() {
        return viewer.secret();
    }
}
