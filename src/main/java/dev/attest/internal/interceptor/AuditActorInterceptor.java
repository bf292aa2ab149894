package dev.attest.internal.interceptor;

import dev.attest.Actor;
import dev.attest.ActorType;
import dev.attest.AuditActor;
import dev.attest.AuditMessages;
import dev.attest.internal.context.CallerResolver;
import dev.attest.internal.context.Scope;
import dev.attest.internal.system.SystemErrors;
import dev.attest.internal.context.TransactionBinding;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.AroundTimeout;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

import java.io.Serializable;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs methods bound to {@link AuditActor} as the named system actor, outside {@code @AuditAction}'s
 * interceptor. Work that already has a caller keeps it: an authenticated user, or an actor set with
 * {@code runAs}, stays the actor and the system actor is recorded as on-behalf-of, so a human is never dropped.
 * A message consumer given a message {@link AuditMessages#stamp stamped} by its sender runs as the sender.
 */
@AuditActor("")
@Interceptor
@Priority(Interceptor.Priority.LIBRARY_BEFORE)
public class AuditActorInterceptor implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final Map<Beans.MethodKey, Actor> ACTORS = new ConcurrentHashMap<>();
    /** Whether the application sees Jakarta Messaging: only then may {@link MessageSender} be loaded. */
    private static final boolean MESSAGING = messaging();

    @Inject
    transient CallerResolver callers;

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

    /** Runs as {@code system}, or as the caller on behalf of it, or as the sender of a stamped message. */
    private Object within(Actor system, InvocationContext invocation) throws Exception {
        Scope current = Scope.current();
        Scope sender = senderScope(invocation, current);
        Scope previous = Scope.enter(sender != null ? sender : current.withActor(actor(system, current)));
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

    /**
     * The actor of work bound to {@code system}: the caller (explicit actor, else authenticated user) on behalf
     * of {@code system}; a caller already acting on behalf of someone is kept as it is (on-behalf-of does not
     * nest); with no caller, {@code system} itself.
     */
    private Actor actor(Actor system, Scope current) {
        Actor caller = current.actor();
        if (caller == null) {
            caller = callers.authenticatedCaller();
        }
        if (caller.type() == ActorType.ANONYMOUS || caller.equals(system)) {
            return system;
        }
        return caller.onBehalfOf() != null ? caller : caller.onBehalfOf(system);
    }

    private static Actor actorOf(Class<?> beanClass, Method method) {
        AuditActor annotation = method == null ? null : method.getAnnotation(AuditActor.class);
        for (Class<?> c = beanClass; annotation == null && c != null; c = c.getSuperclass()) {
            annotation = c.getAnnotation(AuditActor.class);
        }
        return Actor.system(annotation.value());
    }

    /** The sender's scope when the invocation consumes a message stamped by {@link AuditMessages#stamp}. */
    private static Scope senderScope(InvocationContext invocation, Scope base) {
        if (!MESSAGING || invocation.getMethod() == null) {
            return null;
        }
        Object[] parameters = invocation.getParameters();
        return parameters != null && parameters.length == 1 ? MessageSender.scope(parameters[0], base) : null;
    }

    private static boolean messaging() {
        try {
            Class.forName("jakarta.jms.Message", false, AuditActorInterceptor.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError noMessaging) {
            return false;
        }
    }
}
