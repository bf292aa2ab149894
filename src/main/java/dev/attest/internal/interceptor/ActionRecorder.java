package dev.attest.internal.interceptor;

import dev.attest.Actor;
import dev.attest.AuditLog;
import dev.attest.AuditRecord;
import dev.attest.Category;
import dev.attest.internal.capture.Arguments;
import dev.attest.internal.capture.DetailsWriter;
import dev.attest.internal.capture.Entities;
import dev.attest.internal.context.CallerResolver;
import dev.attest.internal.context.Ids;
import dev.attest.internal.context.Scope;
import dev.attest.internal.context.TransactionBinding;
import dev.attest.internal.export.ExportMeasure;
import dev.attest.internal.security.Denials;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.interceptor.InvocationContext;

import java.lang.reflect.Method;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Runs one {@code @AuditAction} invocation and hands its event to the {@link AuditLog}. */
@ApplicationScoped
public class ActionRecorder {

    /** Per bean class as the container runs it, then per method: found without building a key or reading names. */
    private final Map<Class<?>, Map<Method, ActionMetadata>> metadata = new ConcurrentHashMap<>();

    @Inject
    AuditLog log;

    @Inject
    CallerResolver callers;

    @Inject
    DetailsWriter details;

    @Inject
    Entities entities;

    @Inject
    Denials denials;

    /**
     * Runs {@code invocation} and records its event. Public so that the interceptor calls it through this bean's
     * client proxy directly: a client proxy reaches a package-private method only by reflection.
     */
    public Object invoke(InvocationContext invocation) throws Exception {
        ActionMetadata action = metadata(invocation);
        Instant start = Instant.now();
        Scope outer = Scope.current();
        Scope scope = outer.correlationId() != null ? outer : outer.withCorrelationId(correlationId(start));
        Actor actor = callers.currentActor();
        Scope previous = Scope.enter(scope);
        try {
            TransactionBinding.bind(actor, scope);
            long started = System.nanoTime();
            Object result;
            try {
                result = invocation.proceed();
            } catch (Exception | Error failure) {
                log.record(event(action, invocation, actor, start, started, null).failure(failure));
                if (Denials.reason(failure) != null) {
                    denials.deniedBy(failure, action.action());
                }
                throw failure;
            }
            AuditRecord done = event(action, invocation, actor, start, started, result);
            if (action.category() == Category.EXPORT && invocation.getMethod() != null
                    && invocation.getMethod().getReturnType() != void.class) {
                exported(action, result, done);
            }
            log.record(done);
            return result;
        } finally {
            Scope.restore(previous);
        }
    }

    private ActionMetadata metadata(InvocationContext invocation) {
        Object target = invocation.getTarget();
        Map<Method, ActionMetadata> ofClass = metadata.computeIfAbsent(target.getClass(), type -> new ConcurrentHashMap<>());
        ActionMetadata known = ofClass.get(invocation.getMethod());
        return known != null ? known : ofClass.computeIfAbsent(invocation.getMethod(),
                method -> ActionMetadata.of(Beans.userClass(target), method, details::isSensitive));
    }

    /**
     * The correlation id of an action that is not nested in another: the one of the transaction's earlier
     * actions when it joins a transaction that has some (sibling actions of one transaction share it, so each
     * finds the revision Envers writes for the whole transaction), else a new one, time-ordered from the action's
     * start.
     */
    private static String correlationId(Instant start) {
        TransactionBinding binding = TransactionBinding.current();
        if (binding != null && binding.scope().correlationId() != null) {
            return binding.scope().correlationId();
        }
        return Ids.timeOrderedUuid(start.toEpochMilli());
    }

    private AuditRecord event(ActionMetadata action, InvocationContext invocation, Actor actor, Instant start,
                              long started, Object result) {
        Object[] arguments = invocation.getParameters();
        AuditRecord record = AuditRecord.of(action.category(), action.action())
                .actor(actor)
                .occurredAt(start)
                .durationMillis((System.nanoTime() - started) / 1_000_000)
                .detail("arguments", arguments(action, arguments));
        if (action.reason() != null && Scope.current().reason() == null) {
            record.reason(action.reason());
        }
        Object target = action.targetIndex() >= 0 ? arguments[action.targetIndex()] : result;
        if (entities.isEntity(target)) {
            record.target(target);
        } else if (action.targetIndex() >= 0 && target != null) {
            record.target(action.targetType() != null ? action.targetType() : target.getClass().getSimpleName(), target);
        }
        return record;
    }

    /** An export's size and count from what it returned; a collection of entities names the exported type. */
    private void exported(ActionMetadata action, Object result, AuditRecord record) {
        ExportMeasure.describe(result, record);
        if (action.targetIndex() < 0 && result instanceof java.util.Collection<?> rows && !rows.isEmpty()
                && entities.isEntity(rows.iterator().next())) {
            record.target(Entities.entityName(rows.iterator().next().getClass()), null);
        }
    }

    private static Arguments arguments(ActionMetadata action, Object[] arguments) {
        return new Arguments(action.parameterNames(), action.masked(), arguments);
    }
}
