package dev.attest.internal.interceptor;

import dev.attest.internal.context.AsynchronousCalls;
import dev.attest.internal.context.Scope;
import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

import java.io.Serializable;

/**
 * Runs an EJB {@code @Asynchronous} method with its caller's explicit actor, reason, correlation id and HTTP
 * request context, as the server carried them ({@link AsynchronousCalls}); the method's thread keeps nothing of
 * them afterwards. Runs before every other interceptor of Attest's.
 */
@AsynchronousCall
@Interceptor
@Priority(Interceptor.Priority.LIBRARY_BEFORE - 5)
public class AsynchronousCallInterceptor implements Serializable {

    private static final long serialVersionUID = 1L;

    @AroundInvoke
    public Object asynchronous(InvocationContext invocation) throws Exception {
        Scope current = Scope.current();
        Scope carried = current.actor() == null && current.correlationId() == null ? AsynchronousCalls.carried(current) : null;
        if (carried == null) {
            return invocation.proceed();
        }
        Scope previous = Scope.enter(carried);
        try {
            return invocation.proceed();
        } finally {
            Scope.restore(previous);
        }
    }
}
