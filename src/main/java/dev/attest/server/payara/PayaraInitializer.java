package dev.attest.server.payara;

import dev.attest.internal.web.AuthenticationGate;
import dev.attest.internal.web.AuthenticationHooks;
import jakarta.enterprise.concurrent.ContextService;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;

import javax.naming.InitialContext;
import javax.naming.NamingException;
import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.util.Set;

/**
 * Hooks Attest into Payara's web container, found by the container like any {@link ServletContainerInitializer}
 * in Attest's jar: puts {@link SecurityValve} first in the application's pipeline, ahead of the authenticator
 * valve that decides logins and the security constraints (lockout, failed logins, the container's denials).
 * Does nothing on a server without Payara's (GlassFish's) web container; fails the deployment where Payara's
 * container is there but the valve cannot be put in place, since the deployment check counts on it.
 */
public class PayaraInitializer implements ServletContainerInitializer {

    static final String DEFAULT_CONTEXT_SERVICE = "java:comp/DefaultContextService";

    @Override
    public void onStartup(Set<Class<?>> classes, ServletContext context) {
        if (PayaraAdapter.webContainer(context.getClassLoader())) {
            install(context);
        }
    }

    /**
     * Puts a new {@link SecurityValve} first in the pipeline of the web module behind {@code context}.
     *
     * @throws IllegalStateException when {@code context} is not Payara's, or its pipeline is not as expected
     */
    static void install(ServletContext context) {
        try {
            insertFirst(context);
        } catch (ReflectiveOperationException | RuntimeException unexpected) {
            throw new IllegalStateException("Attest cannot put its security valve first in the pipeline of '"
                    + context.getContextPath() + "' (Payara's web container is not as Attest expects: " + unexpected
                    + "); failed logins, lockout and container denials would go unrecorded", unexpected);
        }
    }

    private static void insertFirst(ServletContext facade) throws ReflectiveOperationException {
        // Payara hands an initializer its ApplicationContextFacade, over the ApplicationContext of the web module
        Object application = facade;
        try {
            application.getClass().getMethod("getStandardContext");
        } catch (NoSuchMethodException behindTheFacade) {
            application = field(facade.getClass(), "context").get(facade);
        }
        Object module = application.getClass().getMethod("getStandardContext").invoke(application);
        Object pipeline = module.getClass().getMethod("getPipeline").invoke(module);
        Field valves = field(pipeline.getClass(), "valves");
        SecurityValve valve = SecurityValve.handler(facade.getClassLoader());
        synchronized (pipeline) {
            Object present = valves.get(pipeline);
            int count = Array.getLength(present);
            Object first = Array.newInstance(present.getClass().getComponentType(), count + 1);
            Array.set(first, 0, valve.valve(facade.getClassLoader()));
            System.arraycopy(present, 0, first, 1, count);
            valves.set(pipeline, first);
        }
        facade.addListener(new Starter(valve));
    }

    /** Gives the valve its gate when the application has started, in the application's context. */
    static final class Starter implements ServletContextListener {

        private final SecurityValve valve;

        Starter(SecurityValve valve) {
            this.valve = valve;
        }

        @Override
        public void contextInitialized(ServletContextEvent event) {
            ContextService contexts;
            try {
                contexts = InitialContext.doLookup(DEFAULT_CONTEXT_SERVICE);
            } catch (NamingException e) {
                throw new IllegalStateException("Attest's security valve needs " + DEFAULT_CONTEXT_SERVICE
                        + " to record in the application's context: " + e, e);
            }
            valve.use(contexts.createContextualProxy(AuthenticationGate.lookup(), AuthenticationHooks.class));
        }

        @Override
        public void contextDestroyed(ServletContextEvent event) {
            valve.use(null);
        }
    }

    private static Field field(Class<?> type, String name) throws NoSuchFieldException {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            try {
                Field found = c.getDeclaredField(name);
                found.setAccessible(true);
                return found;
            } catch (NoSuchFieldException notHere) {
                // a superclass may declare it
            }
        }
        throw new NoSuchFieldException(type.getName() + "." + name);
    }
}
