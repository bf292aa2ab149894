package dev.attest.internal.retention;

import org.eclipse.microprofile.config.Config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * The {@code attest.retention.*}, {@code attest.hold-role} and {@code attest.erasure*} settings, validated at
 * deployment: a bad value fails the deployment with a message naming the key and the value. A retention period
 * below {@code attest.retention.minimum} is refused. No retention period (the default) keeps everything.
 */
public record RetentionSettings(Period events, Period revisions, Period minimum, Path archiveDir, int batchSize,
                                Duration pause, LocalTime at, String holdRole, String erasureRole,
                                boolean erasureApproval, String userEntity) {

    public static final String EVENTS = "attest.retention.events";
    public static final String REVISIONS = "attest.retention.revisions";
    public static final String MINIMUM = "attest.retention.minimum";
    public static final String ARCHIVE_DIR = "attest.retention.archive-dir";
    public static final String BATCH_SIZE = "attest.retention.batch-size";
    public static final String PAUSE = "attest.retention.pause";
    public static final String AT = "attest.retention.at";
    public static final String HOLD_ROLE = "attest.hold-role";
    public static final String ERASURE_ROLE = "attest.erasure-role";
    public static final String ERASURE_APPROVAL = "attest.erasure.approval";
    /** The entity (JPA name) whose id is a user id: erasing the user empties that entity's {@code _AUD} rows too. */
    public static final String USER_ENTITY = "attest.erasure.user-entity";

    /** Periods are compared by the day they reach back to from this date. */
    private static final LocalDate REFERENCE = LocalDate.of(2001, 1, 1);

    /** Whether events are purged. */
    public boolean purgesEvents() {
        return events != null;
    }

    /** Whether revisions (with their {@code _AUD} rows) are purged. */
    public boolean purgesRevisions() {
        return revisions != null;
    }

    public static RetentionSettings load(Config config) {
        Period minimum = period(config, MINIMUM).orElse(Period.ofYears(1));
        Period events = period(config, EVENTS).orElse(null);
        Period revisions = period(config, REVISIONS).orElse(null);
        if (events != null && shorter(events, minimum)) {
            throw new IllegalArgumentException(EVENTS + " is " + events + ", below the floor " + MINIMUM + " = "
                    + minimum + ": audit events must be kept at least that long");
        }
        if (revisions != null && shorter(revisions, minimum)) {
            throw new IllegalArgumentException(REVISIONS + " is " + revisions + ", below the floor " + MINIMUM + " = "
                    + minimum + ": revisions must be kept at least that long");
        }
        Path archive = config.getOptionalValue(ARCHIVE_DIR, String.class).map(String::trim).filter(s -> !s.isEmpty())
                .map(Path::of).orElse(null);
        if (events != null || revisions != null) {
            if (archive == null) {
                throw new IllegalArgumentException(ARCHIVE_DIR + " is required when " + (events != null ? EVENTS : REVISIONS)
                        + " is set: each purged batch is archived there before it is deleted");
            }
            if (!Files.isDirectory(archive) || !Files.isWritable(archive)) {
                throw new IllegalArgumentException(ARCHIVE_DIR + " must be a writable directory, not '" + archive + "'");
            }
        }
        int batch = config.getOptionalValue(BATCH_SIZE, String.class).map(v -> integer(BATCH_SIZE, v)).orElse(1000);
        if (batch < 1 || batch > 10_000) {
            throw new IllegalArgumentException(BATCH_SIZE + " must be between 1 and 10000, not " + batch);
        }
        Duration pause = config.getOptionalValue(PAUSE, String.class).map(v -> duration(PAUSE, v))
                .orElse(Duration.ofMillis(20));
        LocalTime at = config.getOptionalValue(AT, String.class).map(v -> time(AT, v)).orElse(LocalTime.of(3, 0));
        return new RetentionSettings(events, revisions, minimum, archive, batch, pause, at,
                role(config, HOLD_ROLE, "audit-hold"), role(config, ERASURE_ROLE, "audit-erasure"),
                config.getOptionalValue(ERASURE_APPROVAL, String.class).map(v -> bool(ERASURE_APPROVAL, v)).orElse(false),
                config.getOptionalValue(USER_ENTITY, String.class).map(String::trim).filter(v -> !v.isEmpty()).orElse(null));
    }

    /** Whether {@code period} reaches back less far than {@code floor}. */
    static boolean shorter(Period period, Period floor) {
        return REFERENCE.minus(period).isAfter(REFERENCE.minus(floor));
    }

    private static java.util.Optional<Period> period(Config config, String key) {
        return config.getOptionalValue(key, String.class).map(String::trim).filter(s -> !s.isEmpty()).map(v -> {
            try {
                Period p = Period.parse(v);
                if (p.isNegative() || p.isZero()) {
                    throw new IllegalArgumentException(key + " must be a positive ISO-8601 period such as P1Y, not '" + v + "'");
                }
                return p;
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(key + " must be an ISO-8601 period such as P1Y or P90D, not '" + v + "'");
            }
        });
    }

    private static int integer(String key, String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a whole number, not '" + value + "'");
        }
    }

    private static Duration duration(String key, String value) {
        try {
            Duration d = Duration.parse(value.trim());
            if (d.isNegative()) {
                throw new IllegalArgumentException(key + " must not be negative, not '" + value + "'");
            }
            return d;
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(key + " must be an ISO-8601 duration such as PT0.02S, not '" + value + "'");
        }
    }

    private static LocalTime time(String key, String value) {
        try {
            return LocalTime.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(key + " must be a time of day in UTC such as 03:00, not '" + value + "'");
        }
    }

    private static String role(Config config, String key, String defaultValue) {
        String role = config.getOptionalValue(key, String.class).orElse(defaultValue).trim();
        if (role.isEmpty() || role.contains(",") || role.contains(" ")) {
            throw new IllegalArgumentException(key + " must name one role, not '" + role + "'");
        }
        return role;
    }

    private static boolean bool(String key, String value) {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException(key + " must be true or false, not '" + value + "'");
        };
    }
}
