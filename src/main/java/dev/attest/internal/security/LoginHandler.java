package dev.attest.internal.security;

import dev.attest.internal.context.Scope;
import io.undertow.security.api.SecurityContext;
import io.undertow.security.idm.Account;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.servlet.handlers.ServletRequestContext;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

/**
 * Runs after the container authenticated a request and before the servlet (an Undertow inner handler):
 * records {@code authn.login.success} once per session, and for session-less logins (BASIC, bearer tokens)
 * once per user, address and mechanism per {@code attest.security.stateless-login-interval}.
 */
final class LoginHandler implements HttpHandler {

    /** The session attribute naming the user whose login was recorded for the session. */
    static final String SESSION_LOGIN = "dev.attest.login";
    static final String SESSION_MECHANISM = "dev.attest.login.mechanism";

    private final HttpHandler next;
    private volatile LoginMonitor logins;

    LoginHandler(HttpHandler next) {
        this.next = next;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        RequestState state = RequestState.current();
        if (state != null) {
            state.reachedApplication = true;
        }
        SecurityContext security = exchange.getSecurityContext();
        ServletRequestContext servlet = exchange.getAttachment(ServletRequestContext.ATTACHMENT_KEY);
        if (security != null && security.isAuthenticated() && security.getAuthenticatedAccount() != null
                && servlet != null && servlet.getServletRequest() instanceof HttpServletRequest request) {
            record(security.getAuthenticatedAccount(), security.getMechanismName(), request);
        }
        next.handleRequest(exchange);
    }

    private void record(Account account, String mechanism, HttpServletRequest request) {
        String user = account.getPrincipal().getName();
        RequestState state = RequestState.current();
        if (state != null) {
            // a session this request creates carries the login, so it is not recorded again with the session
            state.loginUser = user;
            state.loginMechanism = mechanism;
        }
        HttpSession session = request.getSession(false);
        LoginMonitor monitor = monitor();
        if (session != null) {
            if (user.equals(session.getAttribute(SESSION_LOGIN))) {
                return;
            }
            session.setAttribute(SESSION_LOGIN, user);
            session.setAttribute(SESSION_MECHANISM, mechanism);
        } else {
            String address = Scope.current().request() == null ? null : Scope.current().request().clientAddress();
            if (!monitor.statelessLoginDue(user, mechanism, address)) {
                return;
            }
        }
        monitor.succeeded(user, mechanism);
    }

    private LoginMonitor monitor() {
        LoginMonitor found = logins;
        if (found == null) {
            found = CDI.current().select(LoginMonitor.class).get();
            logins = found;
        }
        return found;
    }
}
