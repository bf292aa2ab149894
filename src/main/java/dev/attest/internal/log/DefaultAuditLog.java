package dev.attest.internal.log;

import dev.attest.Actor;
import dev.attest.AuditLog;
import dev.attest.AuditRecord;
import dev.attest.internal.capture.DetailsWriter;
import dev.attest.internal.capture.Entities;
import dev.attest.internal.capture.Text;
import dev.attest.internal.config.AttestConfig;
import dev.attest.internal.context.CallerResolver;
import dev.attest.internal.context.RequestInfo;
import dev.attest.internal.context.Scope;
import dev.attest.internal.store.EventRow;
import dev.attest.internal.store.EventStore;
import dev.attest.internal.system.SkipRules;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;

/** The {@link AuditLog}: completes a record from the current context, makes it safe, and stores it. */
@ApplicationScoped
public class DefaultAuditLog implements AuditLog {

    private static final int NAME = 255;

    @Inject
    EventStore store;

    @Inject
    DetailsWriter details;

    @Inject
    Entities entities;

    @Inject
    AttestConfig config;

    @Inject
    CallerResolver callers;

    @Inject
    SkipRules skip;

    @Override
    public void record(AuditRecord record) {
        String targetType = record.targetEntity() != null
                ? Entities.entityName(record.targetEntity().getClass()) : record.targetType();
        // decided before the work of sealing: a skipped event costs no actor lookup and no JSON
        if (!skip.skipped(record.category(), record.action(), targetType)) {
            store.write(seal(record, targetType));
        }
    }

    private EventRow seal(AuditRecord record, String targetType) {
        Scope scope = Scope.current();
        RequestInfo request = scope.request() != null ? scope.request() : new RequestInfo(null, null, null, null, null);
        Actor actor = record.actor() != null ? record.actor() : callers.currentActor();
        Object targetId = record.targetEntity() != null ? entities.id(record.targetEntity()) : record.targetId();
        int max = config.maxValueLength();
        return new EventRow(
                record.occurredAt() != null ? record.occurredAt() : Instant.now(),
                record.category(),
                Text.clean(record.action(), NAME),
                record.outcome(),
                actor.type().name(),
                Text.clean(actor.id(), NAME),
                actor.onBehalfOf() == null ? null : actor.onBehalfOf().type().name(),
                actor.onBehalfOf() == null ? null : Text.clean(actor.onBehalfOf().id(), NAME),
                Text.clean(targetType, NAME),
                targetId == null ? null : Text.clean(String.valueOf(targetId), NAME),
                Text.clean(record.reason() != null ? record.reason() : scope.reason(), max),
                request.clientAddress(),
                request.userAgent(),
                request.method(),
                request.path(),
                request.requestId(),
                scope.correlationId(),
                record.durationMillis(),
                details.render(record.details()),
                Text.clean(record.errorType(), NAME),
                Text.clean(record.errorMessage(), max), null);
    }
}
