package dev.attest.server.payara;

import dev.attest.internal.web.AuthenticationGate;
import dev.attest.internal.web.AuthenticationHooks;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.security.Principal;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The first valve of the application's pipeline in Payara's web container (a {@code GlassFishValve}, made as a
 * proxy so that no Payara class is compiled in): its {@code invoke} runs before the container's authenticator valve
 * and its {@code postInvoke} after the response is decided, even when the authenticator ended the pipeline with a
 * 401 or 403. Both hand the request to the portable {@link AuthenticationGate}.
 */
final class SecurityValve implements InvocationHandler {

    private static final Logger LOG = Logger.getLogger(SecurityValve.class.getName());
    static final String VALVE = "org.glassfish.web.valve.GlassFishValve";
    private static final String INFO = "dev.attest.server.payara.SecurityValve/1.0";

    private final int invokeNext;
    private final int endPipeline;
    private final Method servletRequest;
    private final Method servletResponse;
    private volatile AuthenticationHooks gate;

    private SecurityValve(ClassLoader loader) throws ReflectiveOperationException {
        Class<?> valve = Class.forName(VALVE, false, loader);
        invokeNext = valve.getField("INVOKE_NEXT").getInt(null);
        endPipeline = valve.getField("END_PIPELINE").getInt(null);
        servletRequest = Class.forName("org.apache.catalina.Request", false, loader).getMethod("getRequest");
        servletResponse = Class.forName("org.apache.catalina.Response", false, loader).getMethod("getResponse");
    }

    /** A new valve's handler; {@link #valve(ClassLoader)} makes the valve. */
    static SecurityValve handler(ClassLoader loader) throws ReflectiveOperationException {
        return new SecurityValve(loader);
    }

    /** The valve, an instance of Payara's {@code GlassFishValve} as {@code loader} sees it, handled by this. */
    Object valve(ClassLoader loader) throws ReflectiveOperationException {
        return Proxy.newProxyInstance(loader, new Class<?>[] {Class.forName(VALVE, false, loader)}, this);
    }

    /**
     * Gives the valve the gate to call, once the application has started: a contextual proxy that runs it in the
     * application's context, which Payara has not set up yet when a valve runs (no component invocation: no
     * {@code java:comp}, and {@code CDI.current()} would not find the application's beans).
     */
    void use(AuthenticationHooks started) {
        gate = started;
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        return switch (method.getName()) {
            case "invoke" -> before(args[0], args[1]);
            case "postInvoke" -> {
                after(args[0], args[1]);
                yield null;
            }
            case "getInfo", "toString" -> INFO;
            case "hashCode" -> System.identityHashCode(proxy);
            case "equals" -> proxy == args[0];
            default -> throw new UnsupportedOperationException(method.toString());
        };
    }

    private int before(Object catalinaRequest, Object catalinaResponse) throws IOException, ServletException {
        if (!(unwrap(servletRequest, catalinaRequest) instanceof HttpServletRequest request)
                || !(unwrap(servletResponse, catalinaResponse) instanceof HttpServletResponse response)) {
            return invokeNext;
        }
        AuthenticationHooks started = gate;
        if (started == null) {
            // not started yet (or no longer): Payara serves the application no request then
            return invokeNext;
        }
        AuthenticationGate.Attempt attempt = started.before(request);
        if (!attempt.refused()) {
            return invokeNext;
        }
        response.setStatus(attempt.refusedWith());
        if (attempt.retryAfterSeconds() > 0) {
            response.setHeader("Retry-After", String.valueOf(attempt.retryAfterSeconds()));
        }
        response.setContentLength(0);
        return endPipeline;
    }

    private void after(Object catalinaRequest, Object catalinaResponse) throws IOException, ServletException {
        AuthenticationHooks started = gate;
        if (started == null
                || !(unwrap(servletRequest, catalinaRequest) instanceof HttpServletRequest request)
                || !(unwrap(servletResponse, catalinaResponse) instanceof HttpServletResponse response)
                || !(request.getAttribute(AuthenticationGate.ATTEMPT) instanceof AuthenticationGate.Attempt attempt)
                || request.isAsyncStarted()) {
            return;
        }
        try {
            Principal user = request.getUserPrincipal();
            started.after(attempt, request, response.getStatus(), user == null ? null : user.getName());
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "could not record the security events of a request: " + e);
            throw e;
        }
    }

    private static Object unwrap(Method accessor, Object target) throws IOException, ServletException {
        try {
            return accessor.invoke(target);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new ServletException(e.getCause());
        } catch (IllegalAccessException e) {
            throw new ServletException(e);
        }
    }
}
