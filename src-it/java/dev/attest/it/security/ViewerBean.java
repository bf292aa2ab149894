package dev.attest.it.security;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Stateless;

/** A session bean only audit viewers may call. */
@Stateless
public class ViewerBean {

    @RolesAllowed("audit-viewer")
    public String secret() {
        return "42";
    }
}
