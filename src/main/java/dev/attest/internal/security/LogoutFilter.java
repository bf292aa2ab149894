package dev.attest.internal.security;

import jakarta.enterprise.inject.spi.CDI;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.security.Principal;

/** Records {@code authn.logout} when the application calls {@code HttpServletRequest.logout()}. */
public class LogoutFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        chain.doFilter(new HttpServletRequestWrapper(request) {
            @Override
            public void logout() throws ServletException {
                Principal principal = getUserPrincipal();
                String mechanism = getAuthType();
                RequestState state = RequestState.current();
                if (principal != null && state != null && !state.logoutRecorded) {
                    // before the container's logout, which may invalidate the session: one event, not two
                    state.logoutRecorded = true;
                    CDI.current().select(LoginMonitor.class).get().loggedOut(principal.getName(), mechanism,
                            "request logout");
                }
                super.logout();
            }
        }, response);
    }
}
