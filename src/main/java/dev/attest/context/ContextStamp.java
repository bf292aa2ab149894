package dev.attest.context;

import dev.attest.Actor;
import dev.attest.ActorType;

import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * The audit context written as string properties, to cross a boundary that carries no thread: a message, a
 * batch job's parameters. The names are valid Jakarta Messaging property identifiers.
 */
public final class ContextStamp {

    static final String ACTOR_TYPE = "attestActorType";
    static final String ACTOR_ID = "attestActorId";
    static final String ON_BEHALF_OF_TYPE = "attestOnBehalfOfType";
    static final String ON_BEHALF_OF_ID = "attestOnBehalfOfId";
    static final String CORRELATION_ID = "attestCorrelationId";
    static final String REASON = "attestReason";

    private ContextStamp() {
    }

    /** Writes {@code actor} and the current reason and correlation id through {@code property}. */
    public static void write(Actor actor, BiConsumer<String, String> property) {
        Scope scope = Scope.current();
        property.accept(ACTOR_TYPE, actor.type().name());
        property.accept(ACTOR_ID, actor.id());
        if (actor.onBehalfOf() != null) {
            property.accept(ON_BEHALF_OF_TYPE, actor.onBehalfOf().type().name());
            property.accept(ON_BEHALF_OF_ID, actor.onBehalfOf().id());
        }
        if (scope.correlationId() != null) {
            property.accept(CORRELATION_ID, scope.correlationId());
        }
        if (scope.reason() != null) {
            property.accept(REASON, scope.reason());
        }
    }

    /** {@code base} with the stamped actor, reason and correlation id, or {@code null} if there is no valid stamp. */
    public static Scope read(Function<String, String> property, Scope base) {
        String type = property.apply(ACTOR_TYPE);
        String id = property.apply(ACTOR_ID);
        if (type == null || id == null) {
            return null;
        }
        try {
            Actor actor = new Actor(ActorType.valueOf(type), id);
            String onBehalfOfId = property.apply(ON_BEHALF_OF_ID);
            if (onBehalfOfId != null) {
                actor = actor.onBehalfOf(new Actor(ActorType.valueOf(property.apply(ON_BEHALF_OF_TYPE)), onBehalfOfId));
            }
            Scope scope = base.withActor(actor);
            String correlationId = property.apply(CORRELATION_ID);
            String reason = property.apply(REASON);
            scope = correlationId == null ? scope : scope.withCorrelationId(correlationId);
            return reason == null ? scope : scope.withReason(reason);
        } catch (IllegalArgumentException | NullPointerException malformed) {
            return null;
        }
    }
}
