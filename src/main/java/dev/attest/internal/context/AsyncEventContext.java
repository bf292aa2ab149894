package dev.attest.internal.context;

import jakarta.annotation.Priority;
import jakarta.decorator.Decorator;
import jakarta.decorator.Delegate;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.NotificationOptions;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;

import javax.naming.InitialContext;
import javax.naming.NamingException;
import java.io.Serializable;
import java.util.concurrent.CompletionStage;

/**
 * Delivers asynchronous CDI events ({@code fireAsync}) through the application's default managed executor
 * service unless the caller chose an executor: the observers then run with the audit context of the code that
 * fired the event (actor, reason, correlation id, request) and its security context, as managed executor tasks
 * do. Where no managed executor service is bound, the event is delivered as CDI would.
 */
@Decorator
@Priority(Interceptor.Priority.LIBRARY_BEFORE)
public abstract class AsyncEventContext<T> implements Event<T>, Serializable {

    private static final long serialVersionUID = 1L;
    private static final String DEFAULT_EXECUTOR = "java:comp/DefaultManagedExecutorService";
    /** Weld's per-notification timeout option, kept when the executor is added. */
    private static final String WELD_TIMEOUT = "weld.async.notification.timeout";

    @Inject
    @Delegate
    @Any
    Event<T> delegate;

    @Override
    public <U extends T> CompletionStage<U> fireAsync(U event) {
        ManagedExecutorService executor = executor();
        return executor == null ? delegate.fireAsync(event) : delegate.fireAsync(event, NotificationOptions.ofExecutor(executor));
    }

    @Override
    public <U extends T> CompletionStage<U> fireAsync(U event, NotificationOptions options) {
        ManagedExecutorService executor = options.getExecutor() == null ? executor() : null;
        if (executor == null) {
            return delegate.fireAsync(event, options);
        }
        NotificationOptions.Builder withExecutor = NotificationOptions.builder().setExecutor(executor);
        if (options.get(WELD_TIMEOUT) != null) {
            withExecutor.set(WELD_TIMEOUT, options.get(WELD_TIMEOUT));
        }
        return delegate.fireAsync(event, withExecutor.build());
    }

    private static ManagedExecutorService executor() {
        try {
            return InitialContext.doLookup(DEFAULT_EXECUTOR);
        } catch (NamingException | RuntimeException notBound) {
            return null;
        }
    }
}
