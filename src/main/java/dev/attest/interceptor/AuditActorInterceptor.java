package dev.attest.interceptor;

import dev.attest.Actor;
import dev.attest.AuditActor;
import dev.attest.AuditMessages;
import dev.attest.context.Scope;
import dev.attest.system.SystemErrors;
import dev.attest.context.TransactionBinding;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.AroundTimeout;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import jakarta.jms.Message;

import java.io.Serializable;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs methods bound to {@link AuditActor} as the named system actor, outside {@code @AuditAction}'s
 * interceptor; a message consumer given a message {@link AuditMessages#stamp stamped} by its sender runs as
 * the sender instead.
 */
@AuditActor("")
@Interceptor
@Priority(Interceptor.Priority.LIBRARY_BEFORE)
public class AuditActorInterceptor implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final Map<Beans.MethodKey, Actor> ACTORS = new ConcurrentHashMap<>();

    @AroundInvoke
    @AroundTimeout
    public Object runAsSystem(InvocationContext invocation) throws Exception {
        return within(ACTORS.computeIfAbsent(Beans.MethodKey.of(invocation), key -> actorOf(key.beanClass(), key.method())),
                invocation);
    }

    /** {@code @AuditActor} on a startup singleton also covers its initialisation. */
    @PostConstruct
    public void started(InvocationContext invocation) throws Exception {
        within(ACTORS.computeIfAbsent(new Beans.MethodKey(Beans.userClass(invocation.getTarget()), null),
                key -> actorOf(key.beanClass(), null)), invocation);
    }

    /** Runs as {@code actor}, unless the invocation consumes a message stamped with its sender's context. */
    private static Object within(Actor actor, InvocationContext invocation) throws Exception {
        Scope sender = senderScope(invocation);
        Scope previous = Scope.enter(sender != null ? sender : Scope.current().withActor(actor));
        try {
            TransactionBinding.bind(Scope.current().actor(), Scope.current());
            try {
                return invocation.proceed();
            } catch (Exception | Error failure) {
                SystemErrors.escaped(failure, AttestExtension.entryPointName(Beans.userClass(invocation.getTarget()),
                        invocation.getMethod() == null ? "postConstruct" : invocation.getMethod().getName()));
                throw failure;
            }
        } finally {
            Scope.restore(previous);
        }
    }

    private static Actor actorOf(Class<?> beanClass, Method method) {
        AuditActor annotation = method == null ? null : method.getAnnotation(AuditActor.class);
        for (Class<?> c = beanClass; annotation == null && c != null; c = c.getSuperclass()) {
            annotation = c.getAnnotation(AuditActor.class);
        }
        return Actor.system(annotation.value());
    }

    /** The sender's scope when the invocation consumes a message stamped by {@link AuditMessages#stamp}. */
    private static Scope senderScope(InvocationContext invocation) {
        Object[] parameters = invocation.getMethod() == null ? null : invocation.getParameters();
        if (parameters != null && parameters.length == 1 && parameters[0] instanceof Message message) {
            return AuditMessages.senderScope(message, Scope.current());
        }
        return null;
    }
}
