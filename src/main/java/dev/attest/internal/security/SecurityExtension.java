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

    void checkConfiguration(@Observes AfterDeploymentValidation validation) {
        try {
            Config config = ConfigProvider.getConfig();
            SecurityConfig security = new SecurityConfig().load(config);
            ServerAdapters.load(SecurityExtension.class.getClassLoader()).requireObservable(
                    config.getOptionalValue(ServerAdapters.UNOBSERVED, String.class).orElse(null), security.lockout());
        } catch (IllegalArgumentException invalid) {
            validation.addDeploymentProblem(invalid);
        }
    }
}
