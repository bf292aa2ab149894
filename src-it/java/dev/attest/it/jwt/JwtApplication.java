package dev.attest.it.jwt;

import jakarta.annotation.security.DeclareRoles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.auth.LoginConfig;

/**
 * A JAX-RS application authenticated by MicroProfile JWT bearer tokens: no session, no login form. A CDI bean, so
 * that a server whose MicroProfile JWT finds {@code @LoginConfig} among the beans (Payara) sees it: with an empty
 * beans.xml only classes with a bean-defining annotation are beans.
 */
@ApplicationScoped
@ApplicationPath("api")
@LoginConfig(authMethod = "MP-JWT")
@DeclareRoles("accountant")
public class JwtApplication extends Application {
}
