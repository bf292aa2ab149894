package dev.attest.internal.retention;

import jakarta.annotation.Resource;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;

/** The container's answer to "is the caller in this role", for the role-gated holds and erasures. */
@Stateless
public class CallerRoles {

    @Resource
    SessionContext context;

    @Inject
    HttpServletRequest request;

    /**
     * Whether the caller is in {@code role}: during an HTTP request, the web container's answer for the
     * application's roles; otherwise, or when it says no, the EJB container's. The role is configured, so no
     * {@code @DeclareRoles} can name it, and Payara answers an EJB's {@code isCallerInRole} only for roles its
     * beans declare.
     */
    public boolean isCallerInRole(String role) {
        try {
            if (request.isUserInRole(role)) {
                return true;
            }
        } catch (RuntimeException noRequest) {
            // not during an HTTP request (a timer, a message): the bean's own answer
        }
        try {
            return context.isCallerInRole(role);
        } catch (IllegalStateException e) {
            return false;
        }
    }

    /**
     * Throws {@link SecurityException} naming the role and the key unless the caller is in {@code role}. A static
     * helper, not a bean method: an exception thrown by a session bean would reach the caller wrapped.
     */
    static void require(CallerRoles roles, String role, String key, String what) {
        if (!roles.isCallerInRole(role)) {
            throw new SecurityException(what + " needs the role '" + role + "' (" + key + ")");
        }
    }

    /** The caller's name, or null without an authenticated caller. */
    public String caller() {
        String name = context.getCallerPrincipal() == null ? null : context.getCallerPrincipal().getName();
        return name == null || name.isBlank() || name.equals("anonymous") ? null : name;
    }
}
