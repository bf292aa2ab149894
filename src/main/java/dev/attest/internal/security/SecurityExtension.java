package dev.attest.internal.security;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AfterDeploymentValidation;
import jakarta.enterprise.inject.spi.Extension;
import dev.attest.internal.server.ServerAdapters;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Fails the deployment when an {@code attest.security.*} value is invalid, or when the server at hand cannot observe
 * a kind of security event Attest must record (see {@link ServerAdapters#requireObservable}).
 */
public class SecurityExtension implements Extension {

    private volatile ServerAdapters servers;

    /** The server adapters this application found when it started, loaded once. */
    public ServerAdapters servers() {
        ServerAdapters found = servers;
        if (found == null) {
            found = ServerAdapters.load(SecurityExtension.class.getClassLoader());
            servers = found;
        }
        return found;
    }

    void checkConfiguration(@Observes AfterDeploymentValidation validation) {
        try {
            Config config = ConfigProvider.getConfig();
            SecurityConfig security = new SecurityConfig().load(config);
            servers().requireObservable(security.unobserved(), security.lockout());
        } catch (IllegalArgumentException invalid) {
            validation.addDeploymentProblem(invalid);
        }
    }
}
