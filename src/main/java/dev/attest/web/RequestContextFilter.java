package dev.attest.web;

import dev.attest.capture.Text;
import dev.attest.config.AttestConfig;
import dev.attest.context.RequestInfo;
import dev.attest.context.Scope;
import jakarta.inject.Inject;
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

    @Override
    public void init() {
        clients = new ClientAddresses(config.trustedProxies());
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String requestId = RequestIds.accept(request.getHeader(RequestIds.HEADER));
        response.setHeader(RequestIds.HEADER, requestId);
        int max = config.maxValueLength();
        RequestInfo info = new RequestInfo(
                Text.clean(clients.resolve(request.getRemoteAddr(), request.getHeader("X-Forwarded-For")), 64),
                Text.clean(request.getHeader("User-Agent"), max),
                Text.clean(request.getMethod(), 16),
                Text.clean(request.getRequestURI(), max),
                requestId);
        Scope previous = Scope.enter(Scope.current().withRequest(info));
        try {
            chain.doFilter(request, response);
        } finally {
            Scope.restore(previous);
        }
    }
}
