package dev.attest.internal.interceptor;

import dev.attest.Actor;
import dev.attest.ActorType;
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

/**
 * Gives work with no caller an actor that is never a guess: for a batch step, the actor who started the job
 * with {@link dev.attest.AuditBatch}; else the explicit one ({@code @AuditActor}, {@code runAs}) or an
 * authenticated caller if there is one; else a {@code SYSTEM} actor named after the entry point
 * ({@code Bean#method}). Runs inside {@code @AuditActor}'s interceptor and outside {@code @AuditAction}'s.
 */
@EntryPoint
@Interceptor
@Priority(Interceptor.Priority.LIBRARY_BEFORE + 5)
public class EntryPointInterceptor implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    transient AttestExtension entryPoints;

    @Inject
    transient CallerResolver callers;

    @AroundInvoke
    public Object business(InvocationContext invocation) throws Exception {
        String name = entryPoints.entryPointName(Beans.userClass(invocation.getTarget()), invocation.getMethod());
        return name == null ? invocation.proceed() : enter(name, invocation);
    }

    @AroundTimeout
    public Object timeout(InvocationContext invocation) throws Exception {
        Class<?> beanClass = Beans.userClass(invocation.getTarget());
        String name = entryPoints.entryPointName(beanClass, invocation.getMethod());
        return enter(name != null ? name : AttestExtension.entryPointName(beanClass, invocation.getMethod().getName()),
                invocation);
    }

    @PostConstruct
    public void started(InvocationContext invocation) throws Exception {
        String name = entryPoints.startupName(Beans.userClass(invocation.getTarget()));
        if (name == null) {
            invocation.proceed();
        } else {
            enter(name, invocation);
        }
    }

    private Object enter(String name, InvocationContext invocation) throws Exception {
        Scope current = Scope.current();
        Scope scope = entryPoints.isBatchArtifact(Beans.userClass(invocation.getTarget())) ? BatchStarter.scope(current) : null;
        if (scope == null) {
            if (current.actor() != null || callers.authenticatedCaller().type() != ActorType.ANONYMOUS) {
                return guarded(name, invocation);
            }
            scope = current.withActor(Actor.system(name));
        }
        Scope previous = Scope.enter(scope);
        try {
            TransactionBinding.bind(scope.actor(), scope);
            return guarded(name, invocation);
        } finally {
            Scope.restore(previous);
        }
    }

    /** Proceeds; an exception escaping the entry point is recorded as {@code system.error}, then goes on. */
    private static Object guarded(String name, InvocationContext invocation) throws Exception {
        try {
            return invocation.proceed();
        } catch (Exception | Error failure) {
            SystemErrors.escaped(failure, name);
            throw failure;
        }
    }
}
