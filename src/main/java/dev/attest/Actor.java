package dev.attest;

import java.util.Objects;

/**
 * Who did something: a {@link ActorType#USER user}, a named {@link ActorType#SYSTEM system} actor, or
 * {@link ActorType#ANONYMOUS nobody authenticated}.
 *
 * @param type the kind of actor
 * @param id the user id or system name; {@code "anonymous"} for the anonymous actor
 */
public record Actor(ActorType type, String id) {

    private static final Actor ANONYMOUS = new Actor(ActorType.ANONYMOUS, "anonymous");

    /** Validates that both parts are present. */
    public Actor {
        Objects.requireNonNull(type, "type");
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("an actor needs a non-blank id");
        }
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

    @Override
    public String toString() {
        return type + ":" + id;
    }
}
