package dev.attest;

import dev.attest.context.Scope;
import jakarta.jms.JMSException;
import jakarta.jms.Message;

/**
 * Carries the audit context across Jakarta Messaging. {@link #stamp} the message before sending it, and the
 * message-driven bean (annotated {@link AuditActor}) that consumes it records the sender's actor, reason and
 * correlation id instead of its
 * own {@link AuditActor}. Whoever may send to the destination can claim any actor: stamp only messages of
 * destinations that trusted code alone writes to.
 */
public final class AuditMessages {

    static final String ACTOR_TYPE = "attestActorType";
    static final String ACTOR_ID = "attestActorId";
    static final String ON_BEHALF_OF_TYPE = "attestOnBehalfOfType";
    static final String ON_BEHALF_OF_ID = "attestOnBehalfOfId";
    static final String CORRELATION_ID = "attestCorrelationId";
    static final String REASON = "attestReason";

    private AuditMessages() {
    }

    /** Writes the current actor, reason and correlation id into {@code message} as string properties. */
    public static <M extends Message> M stamp(M message) {
        Actor actor = AuditContext.currentActor();
        Scope scope = Scope.current();
        try {
            message.setStringProperty(ACTOR_TYPE, actor.type().name());
            message.setStringProperty(ACTOR_ID, actor.id());
            if (actor.onBehalfOf() != null) {
                message.setStringProperty(ON_BEHALF_OF_TYPE, actor.onBehalfOf().type().name());
                message.setStringProperty(ON_BEHALF_OF_ID, actor.onBehalfOf().id());
            }
            if (scope.correlationId() != null) {
                message.setStringProperty(CORRELATION_ID, scope.correlationId());
            }
            if (scope.reason() != null) {
                message.setStringProperty(REASON, scope.reason());
            }
        } catch (JMSException e) {
            throw new IllegalStateException("cannot stamp the audit context on a message", e);
        }
        return message;
    }

    /**
     * The scope a consumer of {@code message} runs in: the sender's actor, reason and correlation id over
     * {@code base}, or {@code null} when the message carries no stamp or a malformed one.
     */
    public static Scope senderScope(Message message, Scope base) {
        try {
            String type = message.getStringProperty(ACTOR_TYPE);
            String id = message.getStringProperty(ACTOR_ID);
            if (type == null || id == null) {
                return null;
            }
            Actor actor = new Actor(ActorType.valueOf(type), id);
            String onBehalfOfId = message.getStringProperty(ON_BEHALF_OF_ID);
            if (onBehalfOfId != null) {
                actor = actor.onBehalfOf(new Actor(ActorType.valueOf(message.getStringProperty(ON_BEHALF_OF_TYPE)), onBehalfOfId));
            }
            Scope scope = base.withActor(actor);
            String correlationId = message.getStringProperty(CORRELATION_ID);
            String reason = message.getStringProperty(REASON);
            scope = correlationId == null ? scope : scope.withCorrelationId(correlationId);
            return reason == null ? scope : scope.withReason(reason);
        } catch (JMSException | IllegalArgumentException | NullPointerException malformed) {
            return null;
        }
    }
}
