package dev.attest.internal.context;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AfterDeploymentValidation;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.security.enterprise.SecurityContext;

import java.security.Principal;

/**
 * The principal this server gives a caller who did not authenticate, learnt from the server at deployment (no
 * one calls a deployment): Jakarta Security says {@link SecurityContext#getCallerPrincipal()} is null then, but
 * WildFly answers with its anonymous principal and Payara with one named {@code ANONYMOUS}. {@link CallerResolver}
 * compares principals with it, never names with a guessed one.
 */
public class UnauthenticatedCaller implements Extension {

    private Principal principal;

    void learn(@Observes AfterDeploymentValidation deployed, BeanManager beans) {
        try {
            principal = beans.createInstance().select(SecurityContext.class).get().getCallerPrincipal();
        } catch (RuntimeException noSecurityContextAtDeployment) {
            principal = null;
        }
    }

    /**
     * Whether {@code caller} is the server's principal of an unauthenticated call (or there is none). Public, as
     * every method called through a client proxy: the proxy reaches a package-private one only by reflection.
     */
    public boolean isUnauthenticated(Principal caller) {
        return caller == null || caller.equals(principal);
    }
}
