package dev.attest;

import java.util.Objects;

/**
 * Who did something: a {@link ActorType#USER user}, a named {@link ActorType#SYSTEM system} actor, or
 * {@link ActorType#ANONYMOUS nobody authenticated}; possibly on behalf of someone else, as a support agent
 * working for a customer: {@code Actor.user("agent-7").onBehalfOf(Actor.user("customer-42"))}.
 *
 * @param type the kind of actor
 * @param id the user id or system name; {@code "anonymous"} for the anonymous actor
 * @param onBehalfOf whom the actor works for, or {@code null}
 */
public record Actor(ActorType type, String id, Actor onBehalfOf) {

    private static final Actor ANONYMOUS = new Actor(ActorType.ANONYMOUS, "anonymous");

    /** Validates that type and id are present and that on-behalf-of does not nest. */
    public Actor {
        Objects.requireNonNull(type, "type");
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("an actor needs a non-blank id");
        }
        if (onBehalfOf != null && onBehalfOf.onBehalfOf() != null) {
            throw new IllegalArgumentException("on-behalf-of does not nest: " + onBehalfOf);
        }
    }

    /** An actor acting for itself. */
    public Actor(ActorType type, String id) {
        this(type, id, null);
    }

    /** An authenticated user, by the id the application knows them by. */
    public static Actor user(String id) {
        return new Actor(ActorType.USER, id);
    }

    /** The application acting on its own, such as {@code "nightly-import"}. */
    public static Actor system(String name) {
        return new Actor(ActorType.SYSTEM, name);
    }

    /** Nobody authenticated. */
    public static Actor anonymous() {
        return ANONYMOUS;
    }

    /** This actor working for {@code principal}; events and revisions record both, queries find either. */
    public Actor onBehalfOf(Actor principal) {
        Objects.requireNonNull(principal, "principal");
        return new Actor(type, id, new Actor(principal.type(), principal.id()));
    }

    /** {@code TYPE:id}, with {@code " for TYPE:id"} when acting on behalf of someone. */
    @Override
    public String toString() {
        return type + ":" + id + (onBehalfOf == null ? "" : " for " + onBehalfOf);
    }
}
