package dev.attest.internal.envers;

import dev.attest.Actor;
import dev.attest.internal.capture.Text;
import dev.attest.internal.context.CallerResolver;
import dev.attest.internal.context.RequestInfo;
import dev.attest.internal.context.Scope;
import dev.attest.internal.context.TransactionBinding;
import org.hibernate.envers.RevisionListener;

/**
 * Fills each new {@link AttestRevision} from the audit context of its transaction: the outermost audited
 * action's actor and correlation id when there is one, else the current thread's actor and request.
 */
public class AttestRevisionListener implements RevisionListener {

    private static final int MAX = 255;

    private static Actor clean(Actor actor) {
        Actor cleaned = new Actor(actor.type(), Text.clean(actor.id(), MAX));
        return actor.onBehalfOf() == null ? cleaned : cleaned.onBehalfOf(clean(actor.onBehalfOf()));
    }

    @Override
    public void newRevision(Object revisionEntity) {
        TransactionBinding binding = TransactionBinding.current();
        Actor actor = binding != null ? binding.actor() : CallerResolver.shared().currentActor();
        Scope scope = binding != null ? binding.scope() : Scope.current();
        RequestInfo request = scope.request() != null ? scope.request() : Scope.current().request();
        ((AttestRevision) revisionEntity).record(
                clean(actor),
                request == null ? null : request.requestId(),
                request == null ? null : request.clientAddress(),
                scope.correlationId(),
                Text.clean(scope.reason() != null ? scope.reason() : Scope.current().reason(), 2000));
    }
}
