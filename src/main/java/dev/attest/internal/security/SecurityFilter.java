package dev.attest.internal.security;

import dev.attest.internal.context.Scope;
import dev.attest.internal.system.SystemErrors;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import java.io.IOException;
import java.security.Principal;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The portable half of Attest's security events, a servlet filter registered by {@code AttestInitializer} behind
 * the request-context filter, on every server: records logins once per session (session-less ones, such as BASIC
 * or a bearer token, once per user, address and mechanism per {@code attest.security.stateless-login-interval}),
 * logouts through {@code request.logout()}, denials the application raises ({@code EJBAccessException}, JAX-RS
 * {@code ForbiddenException}, a 403 answer), the request's uncaught errors ({@code system.error}), and runs the
 * security monitor. What the container decides before any filter runs (failed logins, lockout, its own URL
 * constraints) is seen by a server adapter; {@link RequestState} keeps every event single.
 */
public class SecurityFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(SecurityFilter.class.getName());

    @Inject
    transient LoginMonitor logins;

    @Inject
    transient Denials denials;

    @Inject
    transient RequestMonitor monitor;

    @Inject
    transient SystemErrors errors;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        RequestState state = RequestState.current();
        boolean owner = state == null;
        if (owner) {
            state = request.getAttribute(RequestState.ATTRIBUTE) instanceof RequestState seen
                    ? RequestState.bind(seen) : RequestState.begin();
        }
        long start = System.nanoTime();
        try {
            state.reachedApplication(true);
            boolean timed = !state.monitored() && monitor.enabled();
            if (timed) {
                state.monitored(true);
                monitor.inspect(request);
            }
            Principal user = request.getUserPrincipal();
            if (user != null) {
                loggedIn(user.getName(), request.getAuthType(), request, state);
            }
            try {
                chain.doFilter(new LogoutObserver(request, state, logins), response);
            } catch (IOException | ServletException | RuntimeException | Error failure) {
                failed(failure, request, state);
                throw failure;
            }
            if (!request.isAsyncStarted()) {
                if (response.getStatus() == HttpServletResponse.SC_FORBIDDEN && !state.denialRecorded()) {
                    denials.denied(userOf(request), "URL", request.getRequestURI(), "HTTP 403");
                }
                if (timed) {
                    monitor.timed((System.nanoTime() - start) / 1_000_000);
                }
            }
        } finally {
            if (owner) {
                RequestState.end();
            }
        }
    }

    /** A login seen once the container authenticated the request: once per session, or per interval without one. */
    private void loggedIn(String user, String mechanism, HttpServletRequest request, RequestState state) {
        // a session this request creates carries the login, so it is not recorded again with the session
        state.login(user, mechanism);
        HttpSession session = request.getSession(false);
        if (session != null) {
            if (user.equals(session.getAttribute(SessionEvents.SESSION_LOGIN))) {
                return;
            }
            session.setAttribute(SessionEvents.SESSION_LOGIN, user);
            session.setAttribute(SessionEvents.SESSION_MECHANISM, mechanism);
        } else {
            String address = Scope.current().request() == null ? null : Scope.current().request().clientAddress();
            if (!logins.statelessLoginDue(user, mechanism, address)) {
                return;
            }
        }
        logins.succeeded(user, mechanism);
    }

    /** A request that threw: a denial, else an uncaught error; recorded once, whoever sees it next. */
    private void failed(Throwable failure, HttpServletRequest request, RequestState state) {
        if (state.errorRecorded()) {
            return;
        }
        state.errorRecorded(true);
        try {
            String reason = denials.reasonNamingTheMethod(failure);
            if (reason != null) {
                if (!state.denialRecorded()) {
                    denials.denied(userOf(request), "URL", request.getRequestURI(), reason);
                }
            } else {
                errors.uncaught(failure, userOf(request), request.getMethod() + " " + request.getRequestURI());
            }
        } catch (RuntimeException notRecorded) {
            failure.addSuppressed(notRecorded);
            LOG.log(Level.SEVERE, "could not record the failure of a request: " + notRecorded);
        }
    }

    private static String userOf(HttpServletRequest request) {
        Principal user = request.getUserPrincipal();
        return user == null ? null : user.getName();
    }

    /** Records {@code authn.logout} when the application calls {@code HttpServletRequest.logout()}. */
    private static final class LogoutObserver extends HttpServletRequestWrapper {

        private final RequestState state;
        private final LoginMonitor logins;

        LogoutObserver(HttpServletRequest request, RequestState state, LoginMonitor logins) {
            super(request);
            this.state = state;
            this.logins = logins;
        }

        @Override
        public void logout() throws ServletException {
            Principal principal = getUserPrincipal();
            if (principal != null && !state.logoutRecorded()) {
                // before the container's logout, which may invalidate the session: one event, not two
                state.logoutRecorded(true);
                logins.loggedOut(principal.getName(), getAuthType(), "request logout");
            }
            super.logout();
        }
    }
}
