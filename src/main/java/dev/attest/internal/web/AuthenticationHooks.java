package dev.attest.internal.web;

import jakarta.servlet.http.HttpServletRequest;

/**
 * What a server adapter calls around the container's authentication ({@link AuthenticationGate}): an interface, so
 * that the adapter may run it in the application's context (a contextual proxy of the application's
 * {@code ContextService}) where the server's hook runs outside it.
 */
public interface AuthenticationHooks {

    /** See {@link AuthenticationGate#before(HttpServletRequest)}. */
    AuthenticationGate.Attempt before(HttpServletRequest request);

    /** See {@link AuthenticationGate#after(AuthenticationGate.Attempt, HttpServletRequest, int, String)}. */
    void after(AuthenticationGate.Attempt attempt, HttpServletRequest request, int status, String user);
}
