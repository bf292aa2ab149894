package dev.attest.internal.retention;

import jakarta.annotation.Resource;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;

/** The container's answer to "is the caller in this role", for the role-gated holds and erasures. */
@Stateless
public class CallerRoles {

    @Resource
    SessionContext context;

    /** Throws {@link SecurityException} naming the role and the key unless the caller is in {@code role}. */
    public void require(String role, String key, String what) {
        boolean in;
        try {
            in = context.isCallerInRole(role);
        } catch (IllegalStateException e) {
            in = false;
        }
        if (!in) {
            throw new SecurityException(what + " needs the role '" + role + "' (" + key + ")");
        }
    }

    /** The caller's name, or null without an authenticated caller. */
    public String caller() {
        String name = context.getCallerPrincipal() == null ? null : context.getCallerPrincipal().getName();
        return name == null || name.isBlank() || name.equals("anonymous") ? null : name;
    }
}
