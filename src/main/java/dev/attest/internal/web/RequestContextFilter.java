package dev.attest.internal.web;

import dev.attest.internal.capture.Text;
import dev.attest.internal.config.AttestConfig;
import dev.attest.internal.config.ClientAddresses;
import dev.attest.internal.context.RequestInfo;
import dev.attest.internal.context.Scope;
import jakarta.inject.Inject;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

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
    private transient Filter inner;

    /** Runs {@code filter} (created by the container) inside this one, after the request context is set. */
    public void around(Filter filter) {
        inner = filter;
    }

    @Override
    public void init() throws ServletException {
        clients = config.clientAddresses();
        if (inner != null) {
            inner.init(getFilterConfig());
        }
    }

    @Override
    public void destroy() {
        if (inner != null) {
            inner.destroy();
        }
    }

    /** The request attribute under which a handler that ran earlier left the request's {@link RequestInfo}. */
    public static final String REQUEST_INFO = RequestInfo.class.getName();

    /** The request context of {@code request}: bounded, neutralised, with an accepted or generated request id. */
    public static RequestInfo describe(HttpServletRequest request, ClientAddresses clients, int max) {
        return new RequestInfo(
                Text.clean(clients.resolve(request.getRemoteAddr(), request.getHeader("X-Forwarded-For")), 64),
                Text.clean(request.getHeader("User-Agent"), max),
                Text.clean(request.getMethod(), 16),
                Text.clean(request.getRequestURI(), max),
                RequestIds.accept(request.getHeader(RequestIds.HEADER)));
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        RequestInfo info = request.getAttribute(REQUEST_INFO) instanceof RequestInfo known
                ? known : describe(request, clients, config.maxValueLength());
        response.setHeader(RequestIds.HEADER, info.requestId());
        Scope previous = Scope.enter(Scope.current().withRequest(info));
        try {
            if (inner != null) {
                inner.doFilter(request, response, chain);
            } else {
                chain.doFilter(request, response);
            }
        } finally {
            Scope.restore(previous);
        }
    }
}
