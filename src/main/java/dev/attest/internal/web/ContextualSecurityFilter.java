package dev.attest.internal.web;

import dev.attest.internal.config.AttestConfig;
import dev.attest.internal.context.RequestInfo;
import dev.attest.internal.context.Scope;
import dev.attest.internal.security.SecurityFilter;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/**
 * The {@link SecurityFilter} as {@link AttestInitializer} registers it: with the request's context even when it runs
 * before {@link RequestContextFilter}. Both are mapped ahead of the application's filters, and containers order two
 * such mappings differently (WildFly as registered, Payara the later one first); without the context yet, this filter
 * takes it, and the request-context filter finds the same one (one request id).
 */
public class ContextualSecurityFilter extends SecurityFilter {

    private static final long serialVersionUID = 1L;

    @Inject
    transient AttestConfig config;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (Scope.current().request() != null) {
            super.doFilter(request, response, chain);
            return;
        }
        RequestInfo info = request.getAttribute(RequestContextFilter.REQUEST_INFO) instanceof RequestInfo known
                ? known : RequestContextFilter.describe(request, config.clientAddresses(), config.maxValueLength());
        request.setAttribute(RequestContextFilter.REQUEST_INFO, info);
        Scope previous = Scope.enter(Scope.current().withRequest(info));
        try {
            super.doFilter(request, response, chain);
        } finally {
            Scope.restore(previous);
        }
    }
}
