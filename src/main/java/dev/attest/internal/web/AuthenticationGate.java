package dev.attest.internal.web;

import dev.attest.internal.config.AttestConfig;
import dev.attest.internal.config.ClientAddresses;
import dev.attest.internal.context.RequestInfo;
import dev.attest.internal.context.Scope;
import dev.attest.internal.security.Credentials;
import dev.attest.internal.security.Denials;
import dev.attest.internal.security.LoginMonitor;
import dev.attest.internal.security.RequestMonitor;
import dev.attest.internal.security.RequestState;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * What a server adapter does around the container's authentication of a request, for a server whose hook runs in
 * two calls, one before authentication and one after the response is decided (rather than around it): answers
 * malformed BASIC credentials with 400, refuses attempts of locked-out user names and addresses (403) or ones that
 * come before their delay (429) before authentication runs (a FORM login by the {@code j_username} it posts),
 * inspects the request with the security monitor, and afterwards records failed logins (a 401 answer to presented
 * credentials, a FORM login that did not authenticate) and the container's denials (a 403 answer no filter saw).
 * It keeps nothing on the thread between the two calls: the {@link Attempt} travels as a request attribute, where the
 * portable {@code SecurityFilter} finds its {@link RequestState}.
 */
public final class AuthenticationGate implements AuthenticationHooks {

    /** The path a FORM login posts to. */
    public static final String FORM_ACTION = "/j_security_check";

    /** The request attribute holding the {@link Attempt} of a request. */
    public static final String ATTEMPT = Attempt.class.getName();

    private final LoginMonitor logins;
    private final Denials denials;
    private final RequestMonitor monitor;
    private final ClientAddresses clients;
    private final int maxValueLength;

    private AuthenticationGate(LoginMonitor logins, Denials denials, RequestMonitor monitor, ClientAddresses clients,
                               int maxValueLength) {
        this.logins = logins;
        this.denials = denials;
        this.monitor = monitor;
        this.clients = clients;
        this.maxValueLength = maxValueLength;
    }

    /** The gate of the application whose CDI container serves the calling thread (called in the application's context). */
    public static AuthenticationGate lookup() {
        CDI<Object> cdi = CDI.current();
        AttestConfig config = cdi.select(AttestConfig.class).get();
        return new AuthenticationGate(cdi.select(LoginMonitor.class).get(), cdi.select(Denials.class).get(),
                cdi.select(RequestMonitor.class).get(), config.clientAddresses(), config.maxValueLength());
    }

    /**
     * One request seen before authentication.
     *
     * @param refusedWith the status the request was answered with before authentication (400, 403 or 429), else 0
     * @param retryAfterSeconds the {@code Retry-After} of a refusal, else 0
     */
    public record Attempt(RequestInfo info, RequestState state, Credentials presented, boolean formLogin, long start,
                          int refusedWith, long retryAfterSeconds) {

        /** Whether the gate answered the request itself: the container must not see it. */
        public boolean refused() {
            return refusedWith != 0;
        }
    }

    /**
     * Sees {@code request} before the container authenticates it and keeps the {@link Attempt} on it. When the
     * attempt is {@linkplain Attempt#refused() refused}, the caller answers with its status (and its
     * {@code Retry-After} unless 0) and hands the request to nobody else.
     */
    @Override
    public Attempt before(HttpServletRequest request) {
        RequestInfo info = RequestContextFilter.describe(request, clients, maxValueLength);
        request.setAttribute(RequestContextFilter.REQUEST_INFO, info);
        RequestState state = RequestState.detached();
        request.setAttribute(RequestState.ATTRIBUTE, state);
        Credentials presented = Credentials.of(request.getHeader("Authorization"));
        boolean formLogin = "POST".equals(request.getMethod()) && request.getRequestURI().endsWith(FORM_ACTION);
        long start = System.nanoTime();
        int refusedWith = 0;
        long retryAfter = 0;
        Scope previous = Scope.enter(Scope.current().withRequest(info));
        try {
            if (monitor.enabled()) {
                state.monitored(true);
                monitor.inspect(request);
            }
            if (presented != null && presented.malformed() != null) {
                // refused here: the container's mechanism would throw on them and answer 500 with a stack trace
                logins.failed(null, presented.mechanism(), "malformed credentials (" + presented.malformed() + ")",
                        info.clientAddress());
                refusedWith = HttpServletResponse.SC_BAD_REQUEST;
            } else if ((presented != null || formLogin) && logins.lockout()) {
                // the servlet request parses the FORM body once and keeps it: the container's mechanism reads the
                // same parameters after this
                String attempted = presented != null ? presented.userName() : formUserName(request);
                LoginMonitor.Refusal refusal = logins.refusal(attempted, info.clientAddress());
                if (refusal != null) {
                    logins.blocked(attempted, presented == null ? "FORM" : presented.mechanism(), refusal);
                    refusedWith = refusal.status();
                    retryAfter = refusal.retryAfterSeconds();
                }
            }
        } finally {
            Scope.restore(previous);
        }
        Attempt attempt = new Attempt(info, state, presented, formLogin, start, refusedWith, retryAfter);
        request.setAttribute(ATTEMPT, attempt);
        return attempt;
    }

    /**
     * Records what the container decided about {@code request} once its response status is known: a failed login
     * or a denial of the container's; and times the request for the monitor.
     *
     * @param status the response status
     * @param user the authenticated caller's name, {@code null} when the request did not authenticate
     */
    @Override
    public void after(Attempt attempt, HttpServletRequest request, int status, String user) {
        if (attempt.refused()) {
            return;
        }
        Scope previous = Scope.enter(Scope.current().withRequest(attempt.info()));
        try {
            Credentials presented = attempt.presented();
            String address = attempt.info().clientAddress();
            if (presented != null && status == HttpServletResponse.SC_UNAUTHORIZED && user == null) {
                logins.failed(presented.userName(), presented.mechanism(),
                        presented.userName() == null && presented.mechanism().equals("BASIC")
                                ? "malformed credentials" : "invalid credentials", address);
            } else if (attempt.formLogin() && user == null) {
                logins.failed(formUserName(request), "FORM", "invalid credentials", address);
            } else if (status == HttpServletResponse.SC_FORBIDDEN && !attempt.state().denialRecorded()) {
                denials.denied(user, "URL", request.getRequestURI(), "HTTP 403");
            }
            if (attempt.state().monitored()) {
                monitor.timed((System.nanoTime() - attempt.start()) / 1_000_000);
            }
        } finally {
            Scope.restore(previous);
        }
    }

    /** The {@code j_username} of a FORM login; the password is never read. */
    static String formUserName(HttpServletRequest request) {
        try {
            return request.getParameter("j_username");
        } catch (RuntimeException unreadable) {
            return null;
        }
    }
}
