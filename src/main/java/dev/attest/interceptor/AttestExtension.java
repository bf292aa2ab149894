package dev.attest.interceptor;

import dev.attest.AuditAction;
import dev.attest.AuditTarget;
import dev.attest.config.AttestConfig;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import jakarta.enterprise.inject.spi.AfterDeploymentValidation;
import jakarta.enterprise.inject.spi.AnnotatedMethod;
import jakarta.enterprise.inject.spi.AnnotatedParameter;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.ProcessAnnotatedType;
import jakarta.enterprise.inject.spi.WithAnnotations;

import java.util.ArrayList;
import java.util.List;

/**
 * Fails the deployment on misuse, with a message naming the class and method: an {@link AuditTarget} on
 * more than one parameter of an action, or an invalid {@code attest.} configuration value.
 */
public class AttestExtension implements Extension {

    private final List<String> problems = new ArrayList<>();

    <T> void checkActions(@Observes @WithAnnotations({AuditAction.class, AuditTarget.class}) ProcessAnnotatedType<T> type) {
        for (AnnotatedMethod<? super T> method : type.getAnnotatedType().getMethods()) {
            long targets = method.getParameters().stream()
                    .filter(parameter -> ((AnnotatedParameter<?>) parameter).isAnnotationPresent(AuditTarget.class))
                    .count();
            if (targets > 1) {
                problems.add(ActionMetadata.twoTargets(method.getJavaMember()));
            }
        }
    }

    void report(@Observes AfterBeanDiscovery discovery) {
        problems.forEach(problem -> discovery.addDefinitionError(new IllegalStateException(problem)));
    }

    void checkConfiguration(@Observes AfterDeploymentValidation validation, BeanManager beans) {
        try {
            new AttestConfig().load(org.eclipse.microprofile.config.ConfigProvider.getConfig());
        } catch (IllegalArgumentException invalid) {
            validation.addDeploymentProblem(invalid);
        }
    }
}
