package dev.attest.internal.security;

import jakarta.enterprise.inject.spi.CDI;
import jakarta.servlet.http.HttpSession;
import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionListener;

import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Ends the login of a session: a session with a recorded login that is invalidated while a request is served
 * records {@code authn.logout}; one that times out records {@code authn.session.expired}.
 */
public class SessionEvents implements HttpSessionListener {

    /** The session attribute naming the user whose login was recorded for the session, and its mechanism. */
    static final String SESSION_LOGIN = "dev.attest.login";
    static final String SESSION_MECHANISM = "dev.attest.login.mechanism";

    private static final Logger LOG = Logger.getLogger(SessionEvents.class.getName());

    private volatile LoginMonitor logins;

    /** A session created by a request whose login was just recorded carries that login: not recorded again. */
    @Override
    public void sessionCreated(HttpSessionEvent event) {
        RequestState request = RequestState.current();
        if (request != null && request.loginUser() != null) {
            event.getSession().setAttribute(SESSION_LOGIN, request.loginUser());
            event.getSession().setAttribute(SESSION_MECHANISM, request.loginMechanism());
        }
    }

    @Override
    public void sessionDestroyed(HttpSessionEvent event) {
        HttpSession session = event.getSession();
        Object user;
        Object mechanism;
        try {
            user = session.getAttribute(SESSION_LOGIN);
            mechanism = session.getAttribute(SESSION_MECHANISM);
        } catch (IllegalStateException alreadyInvalid) {
            return;
        }
        if (!(user instanceof String userId)) {
            return;
        }
        try {
            RequestState request = RequestState.current();
            if (request != null) {
                if (!request.logoutRecorded()) {
                    request.logoutRecorded(true);
                    monitor().loggedOut(userId, String.valueOf(mechanism), "session invalidated");
                }
            } else if (timedOut(session)) {
                monitor().sessionExpired(userId, String.valueOf(mechanism),
                        Instant.ofEpochMilli(session.getCreationTime()).toString(), session.getMaxInactiveInterval());
            }
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "could not record the end of the session of " + userId + ": " + e);
        }
    }

    /** Whether the session outlived its inactivity limit; sessions ended by an undeployment did not. */
    static boolean timedOut(HttpSession session) {
        try {
            int max = session.getMaxInactiveInterval();
            return max > 0 && System.currentTimeMillis() + 1_000 >= session.getLastAccessedTime() + max * 1_000L;
        } catch (IllegalStateException invalid) {
            return true;
        }
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
