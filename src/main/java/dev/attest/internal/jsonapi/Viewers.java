package dev.attest.internal.jsonapi;

import dev.attest.AuditRecord;
import dev.attest.Category;
import dev.attest.Outcome;
import dev.attest.internal.config.AttestConfig;
import dev.attest.internal.security.Denials;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The gate of the JSON API and the page: no login gives 401 (the application's login mechanism answers),
 * a login without {@code attest.viewer-role} gives 403 and records {@code authz.denied}.
 */
@ApplicationScoped
public class Viewers {

    private static final Logger LOG = Logger.getLogger(Viewers.class.getName());

    @Inject
    AttestConfig config;

    @Inject
    Denials denials;

    /** True when the caller may read the trail; otherwise the response has been answered. */
    public boolean admit(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!authenticated(request, response)) {
            return false;
        }
        return inRole(request, response, config.viewerRole(), "reading the audit trail");
    }

    /**
     * True when the logged-in caller is in {@code role}; otherwise answers 403 ("{@code what} needs the role ...")
     * and records {@code authz.denied}.
     */
    public boolean inRole(HttpServletRequest request, HttpServletResponse response, String role, String what)
            throws IOException {
        if (!request.isUserInRole(role)) {
            denials.record(AuditRecord.of(Category.SECURITY, Denials.DENIED).outcome(Outcome.DENIED)
                    .target("AuditTrail", null)
                    .detail("requiredRole", role)
                    .detail("method", request.getMethod())
                    .detail("path", request.getRequestURI()));
            ApiResponses.error(response, HttpServletResponse.SC_FORBIDDEN, what + " needs the role '" + role + "'");
            return false;
        }
        return true;
    }

    /** True when the caller is logged in; otherwise the application's login mechanism has answered (401). */
    public boolean authenticated(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (request.getUserPrincipal() == null) {
            boolean authenticated;
            try {
                authenticated = request.authenticate(response);
            } catch (ServletException | RuntimeException e) {
                LOG.log(Level.FINE, "authentication for the audit trail failed", e);
                authenticated = false;
            }
            if (!authenticated || request.getUserPrincipal() == null) {
                if (!response.isCommitted()) {
                    if (response.getStatus() != HttpServletResponse.SC_UNAUTHORIZED) {
                        response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
                    }
                    ApiResponses.error(response, HttpServletResponse.SC_UNAUTHORIZED,
                            "reading the audit trail needs a login");
                }
                return false;
            }
        }
        return true;
    }
}
