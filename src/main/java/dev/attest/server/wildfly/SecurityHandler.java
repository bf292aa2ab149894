package dev.attest.server.wildfly;

import dev.attest.internal.config.AttestConfig;
import dev.attest.internal.context.RequestInfo;
import dev.attest.internal.context.Scope;
import dev.attest.internal.security.Credentials;
import dev.attest.internal.security.Denials;
import dev.attest.internal.security.LoginMonitor;
import dev.attest.internal.security.RequestMonitor;
import dev.attest.internal.security.RequestState;
import dev.attest.internal.system.SystemErrors;
import dev.attest.internal.config.ClientAddresses;
import dev.attest.internal.web.RequestContextFilter;
import io.undertow.security.api.SecurityContext;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.servlet.handlers.ServletRequestContext;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs around the container's authentication of every request (an Undertow outer handler, added by
 * {@link AttestServletExtension}): answers malformed BASIC credentials with 400, refuses attempts of
 * locked-out user names and addresses (403) or ones that come before their delay (429) before authentication
 * runs (a FORM login by the {@code j_username} it posts), and records failed logins (a 401 answer to presented
 * credentials, a FORM login that did not authenticate, malformed credentials) and the container's denials (a 403
 * answer no filter saw). The monitor inspects requests here, before authentication, so that it also sees the ones
 * the container refuses. The portable {@code SecurityFilter} records the rest.
 */
final class SecurityHandler implements HttpHandler {

    private static final Logger LOG = Logger.getLogger(SecurityHandler.class.getName());
    static final String FORM_ACTION = "/j_security_check";

    private final HttpHandler next;
    private volatile Services services;

    SecurityHandler(HttpHandler next) {
        this.next = next;
    }

    /** The CDI beans the handler needs, found once the deployment's container is up. */
    record Services(LoginMonitor logins, Denials denials, RequestMonitor monitor, SystemErrors errors,
                    ClientAddresses clients, int maxValueLength) {
    }

    private Services services() {
        Services found = services;
        if (found == null) {
            CDI<Object> cdi = CDI.current();
            AttestConfig config = cdi.select(AttestConfig.class).get();
            found = new Services(cdi.select(LoginMonitor.class).get(), cdi.select(Denials.class).get(),
                    cdi.select(RequestMonitor.class).get(), cdi.select(SystemErrors.class).get(),
                    config.clientAddresses(), config.maxValueLength());
            services = found;
        }
        return found;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        ServletRequestContext servlet = exchange.getAttachment(ServletRequestContext.ATTACHMENT_KEY);
        if (servlet == null || !(servlet.getServletRequest() instanceof HttpServletRequest request)) {
            next.handleRequest(exchange);
            return;
        }
        Services s = services();
        RequestInfo info = RequestContextFilter.describe(request, s.clients(), s.maxValueLength());
        request.setAttribute(RequestContextFilter.REQUEST_INFO, info);
        Credentials presented = Credentials.of(request.getHeader("Authorization"));
        boolean formLogin = "POST".equals(request.getMethod()) && request.getRequestURI().endsWith(FORM_ACTION);
        Scope previous = Scope.enter(Scope.current().withRequest(info));
        RequestState state = RequestState.begin();
        long start = System.nanoTime();
        boolean monitored = s.monitor().enabled();
        try {
            if (monitored) {
                state.monitored(true);
                s.monitor().inspect(request);
            }
            if (presented != null && presented.malformed() != null) {
                // refused here: the container's mechanism would throw on them and answer 500 with a stack trace
                s.logins().failed(null, presented.mechanism(), "malformed credentials (" + presented.malformed() + ")",
                        info.clientAddress());
                exchange.setStatusCode(HttpServletResponse.SC_BAD_REQUEST);
                exchange.endExchange();
                return;
            }
            if ((presented != null || formLogin) && s.logins().lockout()) {
                // the servlet request parses the FORM body once and keeps it: the container's mechanism reads the
                // same parameters after this
                String attempted = presented != null ? presented.userName() : formUserName(request);
                LoginMonitor.Refusal refusal = s.logins().refusal(attempted, info.clientAddress());
                if (refusal != null) {
                    s.logins().blocked(attempted, presented == null ? "FORM" : presented.mechanism(), refusal);
                    exchange.setStatusCode(refusal.status());
                    exchange.getResponseHeaders().put(io.undertow.util.Headers.RETRY_AFTER,
                            String.valueOf(refusal.retryAfterSeconds()));
                    exchange.endExchange();
                    return;
                }
            }
            try {
                next.handleRequest(exchange);
            } catch (Exception | Error failure) {
                try {
                    failed(failure, request, presented, state, s, info);
                } catch (RuntimeException notRecorded) {
                    failure.addSuppressed(notRecorded);
                    LOG.log(Level.SEVERE, "could not record the failure of a request: " + notRecorded);
                }
                if (presented != null && !state.reachedApplication() && failure instanceof Exception
                        && !exchange.isResponseStarted()) {
                    // the mechanism threw on credentials it could not read: a bad request, not a server error
                    LOG.log(Level.FINE, "the login mechanism refused unreadable credentials", failure);
                    exchange.setStatusCode(HttpServletResponse.SC_BAD_REQUEST);
                    exchange.endExchange();
                    return;
                }
                throw failure;
            }
            if (!request.isAsyncStarted()) {
                after(exchange, request, presented, formLogin, state, s, info);
                if (monitored) {
                    s.monitor().timed((System.nanoTime() - start) / 1_000_000);
                }
            }
        } finally {
            RequestState.end();
            Scope.restore(previous);
        }
    }

    /** The {@code j_username} of a FORM login; the password is never read. */
    private static String formUserName(HttpServletRequest request) {
        try {
            return request.getParameter("j_username");
        } catch (RuntimeException unreadable) {
            return null;
        }
    }

    /** A request that threw: a failed login, else a denial or an uncaught error no filter recorded. */
    private static void failed(Throwable failure, HttpServletRequest request, Credentials presented, RequestState state,
                               Services s, RequestInfo info) {
        String user = request.getUserPrincipal() == null ? null : request.getUserPrincipal().getName();
        if (presented != null && !state.reachedApplication()) {
            // the container's mechanism threw on the credentials (such as malformed BASIC encoding)
            s.logins().failed(presented.userName(), presented.mechanism(),
                    "malformed credentials (" + failure.getClass().getSimpleName() + ")", info.clientAddress());
        } else if (state.errorRecorded()) {
            return;
        } else if (Denials.reason(failure) != null) {
            if (!state.denialRecorded()) {
                s.denials().denied(user, "URL", request.getRequestURI(), Denials.reason(failure));
            }
        } else {
            s.errors().uncaught(failure, user, request.getMethod() + " " + request.getRequestURI());
        }
    }

    private static void after(HttpServerExchange exchange, HttpServletRequest request, Credentials presented,
                              boolean formLogin, RequestState state, Services s, RequestInfo info) {
        try {
            SecurityContext security = exchange.getSecurityContext();
            boolean authenticated = security != null && security.isAuthenticated();
            int status = exchange.getStatusCode();
            if (presented != null && status == HttpServletResponse.SC_UNAUTHORIZED && !authenticated) {
                s.logins().failed(presented.userName(), presented.mechanism(),
                        presented.userName() == null && presented.mechanism().equals("BASIC")
                                ? "malformed credentials" : "invalid credentials", info.clientAddress());
            } else if (formLogin && !authenticated) {
                s.logins().failed(formUserName(request), "FORM", "invalid credentials", info.clientAddress());
            } else if (status == HttpServletResponse.SC_FORBIDDEN && !state.denialRecorded()) {
                String user = authenticated && security.getAuthenticatedAccount() != null
                        ? security.getAuthenticatedAccount().getPrincipal().getName() : null;
                s.denials().denied(user, "URL", request.getRequestURI(), "HTTP 403");
            }
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "could not record the security events of a request: " + e);
            throw e;
        }
    }
}
