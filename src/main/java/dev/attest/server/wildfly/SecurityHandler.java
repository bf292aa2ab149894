package dev.attest.server.wildfly;

import dev.attest.internal.context.RequestInfo;
import dev.attest.internal.context.Scope;
import dev.attest.internal.security.Credentials;
import dev.attest.internal.security.Denials;
import dev.attest.internal.security.LoginMonitor;
import dev.attest.internal.security.RequestState;
import dev.attest.internal.system.SystemErrors;
import dev.attest.internal.web.AuthenticationGate;
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
 * {@link AttestServletExtension}): the portable {@link AuthenticationGate} sees the request before authentication
 * (malformed BASIC credentials answered 400, lockout 403 or 429, the monitor) and the response after it (failed
 * logins, the container's denials); around the rest of the exchange this handler keeps the request context, and
 * records what the container's mechanism throws. The portable {@code SecurityFilter} records the rest.
 */
final class SecurityHandler implements HttpHandler {

    private static final Logger LOG = Logger.getLogger(SecurityHandler.class.getName());

    private final HttpHandler next;
    private volatile Services services;

    SecurityHandler(HttpHandler next) {
        this.next = next;
    }

    /** The CDI beans the handler needs, found once the deployment's container is up. */
    record Services(AuthenticationGate gate, LoginMonitor logins, Denials denials, SystemErrors errors) {
    }

    private Services services() {
        Services found = services;
        if (found == null) {
            CDI<Object> cdi = CDI.current();
            found = new Services(AuthenticationGate.lookup(), cdi.select(LoginMonitor.class).get(),
                    cdi.select(Denials.class).get(), cdi.select(SystemErrors.class).get());
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
        AuthenticationGate.Attempt attempt = s.gate().before(request);
        if (attempt.refused()) {
            exchange.setStatusCode(attempt.refusedWith());
            if (attempt.retryAfterSeconds() > 0) {
                exchange.getResponseHeaders().put(io.undertow.util.Headers.RETRY_AFTER,
                        String.valueOf(attempt.retryAfterSeconds()));
            }
            exchange.endExchange();
            return;
        }
        Scope previous = Scope.enter(Scope.current().withRequest(attempt.info()));
        try {
            try {
                next.handleRequest(exchange);
            } catch (Exception | Error failure) {
                Credentials presented = attempt.presented();
                try {
                    failed(failure, request, presented, attempt.state(), s, attempt.info());
                } catch (RuntimeException notRecorded) {
                    failure.addSuppressed(notRecorded);
                    LOG.log(Level.SEVERE, "could not record the failure of a request: " + notRecorded);
                }
                if (presented != null && !attempt.state().reachedApplication() && failure instanceof Exception
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
                SecurityContext security = exchange.getSecurityContext();
                String user = security != null && security.isAuthenticated()
                        && security.getAuthenticatedAccount() != null
                        ? security.getAuthenticatedAccount().getPrincipal().getName() : null;
                try {
                    s.gate().after(attempt, request, exchange.getStatusCode(), user);
                } catch (RuntimeException e) {
                    LOG.log(Level.SEVERE, "could not record the security events of a request: " + e);
                    throw e;
                }
            }
        } finally {
            Scope.restore(previous);
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
                s.denials().denied(user, "URL", request.getRequestURI(), s.denials().reasonNamingTheMethod(failure));
            }
        } else {
            s.errors().uncaught(failure, user, request.getMethod() + " " + request.getRequestURI());
        }
    }
}
