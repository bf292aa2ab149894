package dev.attest.it.jwt;

import jakarta.annotation.security.DeclareRoles;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.auth.LoginConfig;

/** A JAX-RS application authenticated by MicroProfile JWT bearer tokens: no session, no login form. */
@ApplicationPath("api")
@LoginConfig(authMethod = "MP-JWT")
@DeclareRoles("accountant")
public class JwtApplication extends Application {
}
