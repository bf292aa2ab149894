package dev.attest.internal.interceptor;

import dev.attest.AuditAction;
import dev.attest.AuditActor;
import dev.attest.AuditTarget;
import dev.attest.internal.config.AttestConfig;
import dev.attest.internal.lifecycle.RecordMethodCaches;
import dev.attest.internal.system.SkipRules;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.Asynchronous;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.Schedule;
import jakarta.ejb.Schedules;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.context.Destroyed;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import jakarta.enterprise.inject.spi.AfterDeploymentValidation;
import jakarta.enterprise.inject.spi.AnnotatedMethod;
import jakarta.enterprise.inject.spi.BeforeShutdown;
import jakarta.enterprise.inject.spi.AnnotatedParameter;
import jakarta.enterprise.inject.spi.AnnotatedType;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.ProcessAnnotatedType;
import jakarta.enterprise.inject.spi.ProcessInjectionTarget;
import jakarta.enterprise.inject.spi.WithAnnotations;
import jakarta.enterprise.inject.spi.configurator.AnnotatedMethodConfigurator;
import jakarta.enterprise.inject.spi.configurator.AnnotatedTypeConfigurator;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Works out at deployment what Attest must know about the application's beans:
 * <ul>
 *   <li>misuse fails the deployment with a message naming the class and method: an {@link AuditTarget} on
 *       more than one parameter of an action, an {@link AuditActor} that names no actor, or an invalid
 *       {@code attest.} configuration value;</li>
 *   <li>a message-driven bean without {@link AuditActor} fails the deployment, naming the bean;</li>
 *   <li>entry points with no caller (timers, startup singletons, observers of the application's start and
 *       stop, batch artifacts) get the {@link EntryPoint} binding and a name, {@code Bean#method};</li>
 *   <li>EJB {@code @Asynchronous} methods get the {@link AsynchronousCall} binding, to run with their caller's
 *       context.</li>
 * </ul>
 */
public class AttestExtension implements Extension {

    private static final Set<Class<?>> LIFECYCLE_QUALIFIERS = Set.of(Initialized.class, BeforeDestroyed.class, Destroyed.class);
    private static final Set<String> LIFECYCLE_EVENTS = Set.of("jakarta.enterprise.event.Startup", "jakarta.enterprise.event.Shutdown");

    private final List<String> problems = new ArrayList<>();
    private final Map<Beans.MethodKey, String> entryPoints = new ConcurrentHashMap<>();
    private final Map<Class<?>, String> startups = new ConcurrentHashMap<>();
    private final Map<Beans.MethodKey, Optional<String>> resolved = new ConcurrentHashMap<>();
    private final Set<Class<?>> batchArtifacts = ConcurrentHashMap.newKeySet();

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

    <T> void checkActors(@Observes @WithAnnotations(AuditActor.class) ProcessAnnotatedType<T> type) {
        AnnotatedType<T> annotated = type.getAnnotatedType();
        if (annotated.isAnnotationPresent(jakarta.interceptor.Interceptor.class)) {
            return; // the binding on Attest's own interceptor
        }
        AuditActor onClass = annotated.getAnnotation(AuditActor.class);
        if (onClass != null && onClass.value().isBlank()) {
            problems.add(blankActor(annotated.getJavaClass().getName()));
        }
        for (AnnotatedMethod<? super T> method : annotated.getMethods()) {
            AuditActor onMethod = method.getAnnotation(AuditActor.class);
            if (onMethod != null && onMethod.value().isBlank()) {
                problems.add(blankActor(annotated.getJavaClass().getName() + "." + method.getJavaMember().getName()));
            }
        }
    }

    static String blankActor(String where) {
        return "@AuditActor on " + where + " names no actor: give the system actor's name, such as @AuditActor(\"nightly-import\")";
    }

    <T> void findEntryPoints(@Observes @WithAnnotations({Schedule.class, Schedules.class, Timeout.class,
            Startup.class, Observes.class, ObservesAsync.class}) ProcessAnnotatedType<T> event) {
        AnnotatedType<T> type = event.getAnnotatedType();
        Class<T> beanClass = type.getJavaClass();
        boolean startup = type.isAnnotationPresent(Startup.class);
        boolean any = startup || type.getMethods().stream().anyMatch(method -> isEntryPoint(method));
        if (!any) {
            return;
        }
        AnnotatedTypeConfigurator<T> configurator = event.configureAnnotatedType();
        for (AnnotatedMethodConfigurator<? super T> method : configurator.methods()) {
            if (isEntryPoint(method.getAnnotated())) {
                Method javaMethod = method.getAnnotated().getJavaMember();
                entryPoints.put(new Beans.MethodKey(beanClass, javaMethod), entryPointName(beanClass, javaMethod.getName()));
                method.add(EntryPoint.Literal.INSTANCE);
            }
        }
        if (startup) {
            type.getMethods().stream().filter(method -> method.isAnnotationPresent(PostConstruct.class)).findFirst()
                    .ifPresent(init -> startups.put(beanClass, entryPointName(beanClass, init.getJavaMember().getName())));
            configurator.add(EntryPoint.Literal.INSTANCE);
        }
    }

    <T> void findAsynchronousMethods(@Observes @WithAnnotations(Asynchronous.class) ProcessAnnotatedType<T> event) {
        if (event.getAnnotatedType().isAnnotationPresent(Asynchronous.class)) {
            event.configureAnnotatedType().add(AsynchronousCall.Literal.INSTANCE);
            return;
        }
        event.configureAnnotatedType().filterMethods(method -> method.isAnnotationPresent(Asynchronous.class))
                .forEach(method -> method.add(AsynchronousCall.Literal.INSTANCE));
    }

    <T> void findBatchArtifacts(@Observes ProcessAnnotatedType<T> event) {
        Class<T> beanClass = event.getAnnotatedType().getJavaClass();
        if (!BatchStarter.isArtifact(beanClass)) {
            return;
        }
        batchArtifacts.add(beanClass);
        AnnotatedTypeConfigurator<T> configurator = event.configureAnnotatedType().add(EntryPoint.Literal.INSTANCE);
        for (AnnotatedMethodConfigurator<? super T> method : configurator.methods()) {
            Method javaMethod = method.getAnnotated().getJavaMember();
            entryPoints.put(new Beans.MethodKey(beanClass, javaMethod), entryPointName(beanClass, javaMethod.getName()));
        }
    }

    /**
     * A message-driven bean must declare {@link AuditActor} itself: WildFly applies to message-driven beans only
     * the interceptor bindings their class declares, never one Attest could add, so a consumer without one would
     * record its work as {@code ANONYMOUS}. The deployment fails instead, naming the bean.
     */
    <T> void checkMessageDrivenBeans(@Observes ProcessInjectionTarget<T> target) {
        AnnotatedType<T> type = target.getAnnotatedType();
        if (type.isAnnotationPresent(MessageDriven.class) && !type.isAnnotationPresent(AuditActor.class)
                && type.getMethods().stream().noneMatch(method -> method.isAnnotationPresent(AuditActor.class))) {
            target.addDefinitionError(new IllegalStateException(withoutAuditActor(type.getJavaClass())));
        }
    }

    static String withoutAuditActor(Class<?> bean) {
        return "message-driven bean " + bean.getName() + " has no @AuditActor: the server applies no Attest interceptor"
                + " to it, so its work would be recorded as ANONYMOUS; annotate the class @AuditActor(\"<system actor>\")"
                + " (a message stamped with AuditMessages.stamp still records its sender)";
    }

    void report(@Observes AfterBeanDiscovery discovery) {
        problems.forEach(problem -> discovery.addDefinitionError(new IllegalStateException(problem)));
    }

    /** The last thing Attest does in an application: nothing of it stays in the JDK's record-method caches. */
    void shutdown(@Observes BeforeShutdown shutdown) {
        RecordMethodCaches.release();
    }

    void checkConfiguration(@Observes AfterDeploymentValidation validation) {
        try {
            Config config = ConfigProvider.getConfig();
            new AttestConfig().load(config);
            new SkipRules().load(config);
        } catch (IllegalArgumentException invalid) {
            validation.addDeploymentProblem(invalid);
        }
    }

    /**
     * The name of an entry-point method of {@code beanClass}, or {@code null} if the method is not one. The
     * container may invoke an interface's method: it is matched to the bean class's method once, then
     * remembered. Public, as every method called through a client proxy (reached by reflection otherwise).
     */
    public String entryPointName(Class<?> beanClass, Method method) {
        if (method == null) {
            return null;
        }
        return resolved.computeIfAbsent(new Beans.MethodKey(beanClass, method), key -> {
            String name = entryPoints.get(key);
            if (name == null) {
                try {
                    name = entryPoints.get(new Beans.MethodKey(beanClass,
                            beanClass.getMethod(method.getName(), method.getParameterTypes())));
                } catch (NoSuchMethodException notPublic) {
                    name = null;
                }
            }
            return Optional.ofNullable(name);
        }).orElse(null);
    }

    /** Whether {@code beanClass} is a batch artifact (batchlet, reader, processor, writer). */
    boolean isBatchArtifact(Class<?> beanClass) {
        return batchArtifacts.contains(beanClass);
    }

    /** The name of a startup singleton's initialisation, or {@code null}. */
    public String startupName(Class<?> beanClass) {
        return startups.get(beanClass);
    }

    static String entryPointName(Class<?> beanClass, String method) {
        return beanClass.getSimpleName() + "#" + method;
    }

    private static boolean isEntryPoint(AnnotatedMethod<?> method) {
        if (method.isAnnotationPresent(Schedule.class) || method.isAnnotationPresent(Schedules.class)
                || method.isAnnotationPresent(Timeout.class)) {
            return true;
        }
        for (AnnotatedParameter<?> parameter : method.getParameters()) {
            if (parameter.isAnnotationPresent(Observes.class) || parameter.isAnnotationPresent(ObservesAsync.class)) {
                return LIFECYCLE_EVENTS.contains(parameter.getJavaParameter().getType().getName())
                        || parameter.getAnnotations().stream().anyMatch(a -> LIFECYCLE_QUALIFIERS.contains(a.annotationType()));
            }
        }
        return false;
    }
}
