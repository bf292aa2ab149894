package dev.attest.internal.jsonapi;

import dev.attest.Category;
import dev.attest.EventQuery;
import dev.attest.Outcome;
import jakarta.servlet.http.HttpServletRequest;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Query parameters of the API, checked: an unknown, repeated or malformed one is a {@link BadRequest}. */
final class Params {

    /** The event filters, in the order they are documented. */
    static final Set<String> EVENT_FILTERS = Set.of("actor", "action", "category", "outcome", "targetType",
            "targetId", "correlationId", "requestId", "clientAddress", "from", "to", "text", "limit", "before", "ownReads");

    private static final int MAX_LENGTH = 255;

    private final Map<String, String> values = new LinkedHashMap<>();

    private Params() {
    }

    /** The parameters of {@code request}; any name outside {@code allowed} is refused. */
    static Params of(HttpServletRequest request, Set<String> allowed) {
        Params params = new Params();
        for (Map.Entry<String, String[]> entry : request.getParameterMap().entrySet()) {
            String name = entry.getKey();
            if (!allowed.contains(name)) {
                throw new BadRequest("unknown parameter '" + printable(name) + "'; allowed: "
                        + String.join(", ", allowed.stream().sorted().toList()));
            }
            if (entry.getValue().length != 1) {
                throw new BadRequest("parameter '" + name + "' given " + entry.getValue().length + " times");
            }
            String value = entry.getValue()[0].trim();
            if (value.length() > MAX_LENGTH) {
                throw new BadRequest("parameter '" + name + "' is longer than " + MAX_LENGTH + " characters");
            }
            if (!value.isEmpty()) {
                params.values.put(name, value);
            }
        }
        return params;
    }

    /** These parameters without {@code name}. */
    Params without(String name) {
        Params copy = new Params();
        copy.values.putAll(values);
        copy.values.remove(name);
        return copy;
    }

    /** The parameters given, non-empty ones only: the filters recorded with a read. */
    Map<String, String> given() {
        return values;
    }

    String text(String name) {
        return values.get(name);
    }

    Instant instant(String name) {
        String value = values.get(name);
        if (value == null) {
            return null;
        }
        try {
            if (value.length() == 10) {
                return LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new BadRequest("parameter '" + name + "' must be an ISO-8601 instant such as 2026-01-31T12:00:00Z"
                    + " or a date such as 2026-01-31, not '" + printable(value) + "'");
        }
    }

    long positiveLong(String name, long defaultValue) {
        String value = values.get(name);
        if (value == null) {
            return defaultValue;
        }
        try {
            long number = Long.parseLong(value);
            if (number > 0) {
                return number;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new BadRequest("parameter '" + name + "' must be a positive whole number, not '" + printable(value) + "'");
    }

    <E extends Enum<E>> E enumValue(String name, Class<E> type) {
        String value = values.get(name);
        if (value == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BadRequest("parameter '" + name + "' must be one of "
                    + Arrays.toString(type.getEnumConstants()) + ", not '" + printable(value) + "'");
        }
    }

    /** A comma-separated list of enum values, as a multi-select sends it: {@code category=ACTION,ACCESS}. */
    <E extends Enum<E>> java.util.List<E> enumValues(String name, Class<E> type) {
        String value = values.get(name);
        if (value == null) {
            return java.util.List.of();
        }
        java.util.List<E> result = new java.util.ArrayList<>();
        for (String part : value.split(",")) {
            if (part.isBlank()) {
                continue;
            }
            try {
                result.add(Enum.valueOf(type, part.trim().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new BadRequest("parameter '" + name + "' must be one or more of "
                        + Arrays.toString(type.getEnumConstants()) + ", comma-separated, not '" + printable(part) + "'");
            }
        }
        return result;
    }

    /** {@code true} unless the parameter is {@code false}; anything else is refused. */
    boolean flag(String name) {
        String value = values.get(name);
        if (value == null || value.equals("true")) {
            return true;
        }
        if (value.equals("false")) {
            return false;
        }
        throw new BadRequest("parameter '" + name + "' must be true or false, not '" + printable(value) + "'");
    }

    /** The event query these parameters describe; {@code limit} is bounded by {@link EventQuery#MAX_LIMIT}. */
    EventQuery eventQuery(int defaultLimit) {
        EventQuery query = new EventQuery()
                .actor(text("actor"))
                .action(text("action"))
                .categories(enumValues("category", Category.class))
                .outcome(enumValue("outcome", Outcome.class))
                .correlationId(text("correlationId"))
                .requestId(text("requestId"))
                .clientAddress(text("clientAddress"))
                .from(instant("from"))
                .to(instant("to"))
                .text(text("text"));
        if (text("targetType") != null || text("targetId") != null) {
            query.target(text("targetType"), text("targetId"));
        }
        long limit = positiveLong("limit", defaultLimit);
        if (limit > EventQuery.MAX_LIMIT) {
            throw new BadRequest("parameter 'limit' must be between 1 and " + EventQuery.MAX_LIMIT + ", not " + limit);
        }
        query.limit((int) limit);
        if (values.containsKey("before")) {
            query.before(positiveLong("before", 0));
        }
        if (query.from() != null && query.to() != null && !query.from().isBefore(query.to())) {
            throw new BadRequest("parameter 'from' must be before 'to'");
        }
        return query;
    }

    /** A value quoted back in a message: control characters shown as escapes, bounded. */
    static String printable(String value) {
        StringBuilder out = new StringBuilder();
        value.codePoints().limit(80).forEach(c -> {
            if (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }
}
