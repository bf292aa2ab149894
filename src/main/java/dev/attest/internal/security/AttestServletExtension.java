package dev.attest.internal.security;

import io.undertow.servlet.ServletExtension;
import io.undertow.servlet.Servlets;
import io.undertow.servlet.api.DeploymentInfo;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.ServletContext;

/**
 * Hooks Attest into Undertow, WildFly's servlet container, found through {@code ServiceLoader}: a handler
 * around authentication (lockout, failed logins, denials), one after it (successful logins), a session
 * listener (logout, expiry) and a filter that sees {@code request.logout()}. Nothing to configure; on other
 * servers this class is never loaded.
 */
public class AttestServletExtension implements ServletExtension {

    @Override
    public void handleDeployment(DeploymentInfo deployment, ServletContext context) {
        deployment.addOuterHandlerChainWrapper(SecurityHandler::new);
        deployment.addInnerHandlerChainWrapper(LoginHandler::new);
        deployment.addListener(Servlets.listener(SessionEvents.class));
        deployment.addFilter(Servlets.filter("attest-logout", LogoutFilter.class).setAsyncSupported(true));
        deployment.addFilterUrlMapping("attest-logout", "/*", DispatcherType.REQUEST);
    }
}
