package dev.attest.internal.retention;

import dev.attest.Hold;
import dev.attest.HoldScope;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** SQL conditions over the event and revision tables for the rows legal holds cover. */
final class HoldPredicates {

    /** A condition and its parameters. */
    record Sql(String text, List<Object> params) {
    }

    private HoldPredicates() {
    }

    /** The events {@code scope} covers, as a condition on {@code attest_event}. */
    static Sql events(HoldScope scope) {
        List<String> parts = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        if (scope.actorId() != null) {
            parts.add("(actor_id = ? or on_behalf_of_id = ?)");
            params.add(scope.actorId());
            params.add(scope.actorId());
        }
        if (scope.targetType() != null) {
            parts.add("target_type = ?");
            params.add(scope.targetType());
        }
        if (scope.targetId() != null) {
            parts.add("target_id = ?");
            params.add(scope.targetId());
        }
        if (scope.correlationId() != null) {
            parts.add("correlation_id = ?");
            params.add(scope.correlationId());
        }
        if (!scope.eventIds().isEmpty()) {
            parts.add("id in (" + scope.eventIds().stream().map(String::valueOf).collect(Collectors.joining(", ")) + ")");
        }
        time(scope, "occurred_at", parts, params);
        return new Sql(String.join(" and ", parts), params);
    }

    /** The revisions {@code scope} covers (none when it names a target or event ids), or null. */
    static Sql revisions(HoldScope scope) {
        if (scope.targetType() != null || scope.targetId() != null || !scope.eventIds().isEmpty()) {
            return null;
        }
        List<String> parts = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        if (scope.actorId() != null) {
            parts.add("(actor_id = ? or on_behalf_of_id = ?)");
            params.add(scope.actorId());
            params.add(scope.actorId());
        }
        if (scope.correlationId() != null) {
            parts.add("correlation_id = ?");
            params.add(scope.correlationId());
        }
        time(scope, "revision_time", parts, params);
        return new Sql(String.join(" and ", parts), params);
    }

    /** Rows none of {@code holds} covers: {@code and not coalesce((...), false)} for each. */
    static Sql notHeld(List<Hold> holds) {
        StringBuilder text = new StringBuilder();
        List<Object> params = new ArrayList<>();
        for (Hold hold : holds) {
            Sql covered = events(hold.scope());
            text.append(" and not coalesce((").append(covered.text()).append("), false)");
            params.addAll(covered.params());
        }
        return new Sql(text.toString(), params);
    }

    /** The time criteria: a timestamp column, or Envers' revision time in epoch milliseconds ({@code revision_time}). */
    private static void time(HoldScope scope, String column, List<String> parts, List<Object> params) {
        boolean millis = column.equals("revision_time");
        if (scope.from() != null) {
            parts.add(column + " >= ?");
            params.add(millis ? (Object) scope.from().toEpochMilli() : Timestamp.from(scope.from()));
        }
        if (scope.to() != null) {
            parts.add(column + " < ?");
            params.add(millis ? (Object) scope.to().toEpochMilli() : Timestamp.from(scope.to()));
        }
    }
}
