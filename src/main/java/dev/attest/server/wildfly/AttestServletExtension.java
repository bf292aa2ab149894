package dev.attest.server.wildfly;

import io.undertow.servlet.ServletExtension;
import io.undertow.servlet.api.DeploymentInfo;
import jakarta.servlet.ServletContext;

/**
 * Hooks Attest into Undertow, WildFly's servlet container, found by Undertow through {@code ServiceLoader}: a
 * handler around authentication (lockout, failed logins, the container's denials). Logins, logouts, expiry and
 * the application's denials are recorded by the portable filter and session listener on every server.
 */
public class AttestServletExtension implements ServletExtension {

    @Override
    public void handleDeployment(DeploymentInfo deployment, ServletContext context) {
        deployment.addOuterHandlerChainWrapper(SecurityHandler::new);
    }
}
