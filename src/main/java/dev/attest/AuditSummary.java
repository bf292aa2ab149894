package dev.attest;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Counts over a period, for everyone or for one actor, as {@link AuditTrail#summary} returns them.
 *
 * @param from the start of the period (inclusive)
 * @param to the end of the period (exclusive)
 * @param actorId the actor summarised (as actor or on behalf of), or {@code null} for everyone
 * @param total all events
 * @param byCategory events per category
 * @param byOutcome events per outcome
 * @param byAction events per action, most frequent first
 * @param failedLogins {@code authn.login.failure} events
 * @param blockedAttempts {@code authn.login.blocked} events
 * @param exports {@link Category#EXPORT} events
 * @param topActors the actors with most events, most first (at most ten)
 */
public record AuditSummary(Instant from, Instant to, String actorId, long total, Map<Category, Long> byCategory,
                           Map<Outcome, Long> byOutcome, Map<String, Long> byAction, long failedLogins,
                           long blockedAttempts, long exports, List<ActorCount> topActors) {

    /**
     * One actor's number of events.
     *
     * @param actor the actor
     * @param events how many events it has in the period
     */
    public record ActorCount(Actor actor, long events) {
    }
}
