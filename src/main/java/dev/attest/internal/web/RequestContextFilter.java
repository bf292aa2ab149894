package dev.attest.internal.web;

import dev.attest.internal.capture.Text;
import dev.attest.internal.config.AttestConfig;
import dev.attest.internal.config.ClientAddresses;
import dev.attest.internal.context.RequestInfo;
import dev.attest.internal.context.Scope;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.regex.Pattern;

/**
 * Captures the request context of every HTTP request (client address, user agent, method, path, request
 * id) for the events and revisions written while serving it, and clears it afterwards so that a pooled
 * worker thread carries nothing to the next request.
 */
public class RequestContextFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;

    @Inject
    transient AttestConfig config;

    private transient ClientAddresses clients;

    @Override
    public void init() {
        clients = config.clientAddresses();
    }

    /** The request attribute under which a handler that ran earlier left the request's {@link RequestInfo}. */
    public static final String REQUEST_INFO = RequestInfo.class.getName();

    /** A session id rewritten into the URL, a secret no record may hold. */
    private static final Pattern SESSION_ID = Pattern.compile(";jsessionid=[^;/]*", Pattern.CASE_INSENSITIVE);

    /**
     * The request context of {@code request}: bounded, neutralised, with an accepted or generated request id; the
     * path holds no query string and no session id.
     */
    public static RequestInfo describe(HttpServletRequest request, ClientAddresses clients, int max) {
        return new RequestInfo(
                Text.clean(clients.resolve(request.getRemoteAddr(), request.getHeader("X-Forwarded-For")), 64),
                Text.clean(request.getHeader("User-Agent"), max),
                Text.clean(request.getMethod(), 16),
                Text.clean(withoutSessionId(request.getRequestURI()), max),
                RequestIds.accept(request.getHeader(RequestIds.HEADER)));
    }

    private static String withoutSessionId(String path) {
        return path == null || path.indexOf(';') < 0 ? path : SESSION_ID.matcher(path).replaceAll("");
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        RequestInfo info = request.getAttribute(REQUEST_INFO) instanceof RequestInfo known
                ? known : describe(request, clients, config.maxValueLength());
        response.setHeader(RequestIds.HEADER, info.requestId());
        Scope previous = Scope.enter(Scope.current().withRequest(info));
        try {
            chain.doFilter(request, response);
        } finally {
            Scope.restore(previous);
        }
    }
}
