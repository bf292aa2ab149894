package dev.attest;

import java.time.Instant;
import java.util.List;

/**
 * What a legal hold covers: the events matching every criterion given (actor or on-behalf-of, target, correlation
 * id, event ids, occurrence time in {@code [from, to)}). Revisions are covered by the actor, correlation and
 * time criteria of a hold that has no target or id criterion.
 */
public record HoldScope(String actorId, String targetType, String targetId, String correlationId, List<Long> eventIds,
                        Instant from, Instant to) {

    public HoldScope {
        eventIds = eventIds == null ? List.of() : List.copyOf(eventIds);
    }

    public static HoldScope actor(String actorId) {
        return new HoldScope(actorId, null, null, null, null, null, null);
    }

    public static HoldScope target(String type, String id) {
        return new HoldScope(null, type, id, null, null, null, null);
    }

    public static HoldScope correlation(String correlationId) {
        return new HoldScope(null, null, null, correlationId, null, null, null);
    }

    public static HoldScope events(Long... ids) {
        return new HoldScope(null, null, null, null, List.of(ids), null, null);
    }

    public static HoldScope between(Instant from, Instant to) {
        return new HoldScope(null, null, null, null, null, from, to);
    }

    /** The same scope limited to occurrence times in {@code [from, to)} (either may be null: open). */
    public HoldScope during(Instant start, Instant end) {
        return new HoldScope(actorId, targetType, targetId, correlationId, eventIds, start, end);
    }
}
