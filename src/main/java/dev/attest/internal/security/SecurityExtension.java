package dev.attest.internal.security;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AfterDeploymentValidation;
import jakarta.enterprise.inject.spi.Extension;
import org.eclipse.microprofile.config.ConfigProvider;

/** Fails the deployment when an {@code attest.security.*} value is invalid. */
public class SecurityExtension implements Extension {

    void checkConfiguration(@Observes AfterDeploymentValidation validation) {
        try {
            new SecurityConfig().load(ConfigProvider.getConfig());
        } catch (IllegalArgumentException invalid) {
            validation.addDeploymentProblem(invalid);
        }
    }
}
