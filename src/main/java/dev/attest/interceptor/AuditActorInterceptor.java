package dev.attest.interceptor;

import dev.attest.Actor;
import dev.attest.AuditActor;
import dev.attest.context.Scope;
import dev.attest.context.TransactionBinding;
import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.AroundTimeout;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

import java.io.Serializable;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Runs methods bound to {@link AuditActor} as the named system actor; outside {@code @AuditAction}'s interceptor. */
@AuditActor("")
@Interceptor
@Priority(Interceptor.Priority.LIBRARY_BEFORE)
public class AuditActorInterceptor implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final Map<Beans.MethodKey, Actor> ACTORS = new ConcurrentHashMap<>();

    @AroundInvoke
    @AroundTimeout
    public Object runAsSystem(InvocationContext invocation) throws Exception {
        Actor actor = ACTORS.computeIfAbsent(Beans.MethodKey.of(invocation), key -> actorOf(key.beanClass(), key.method()));
        Scope previous = Scope.enter(Scope.current().withActor(actor));
        try {
            TransactionBinding.bind(actor, Scope.current());
            return invocation.proceed();
        } finally {
            Scope.restore(previous);
        }
    }

    private static Actor actorOf(Class<?> beanClass, Method method) {
        AuditActor annotation = method.getAnnotation(AuditActor.class);
        for (Class<?> c = beanClass; annotation == null && c != null; c = c.getSuperclass()) {
            annotation = c.getAnnotation(AuditActor.class);
        }
        return Actor.system(annotation.value());
    }
}
