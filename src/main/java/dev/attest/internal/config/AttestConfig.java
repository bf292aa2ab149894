package dev.attest.internal.config;

import dev.attest.FailurePolicy;
import dev.attest.internal.server.ServerAdapters;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Attest's settings, read once from MicroProfile Config (keys prefixed {@code attest.}). An invalid value
 * fails the deployment with a message naming the key.
 */
@ApplicationScoped
public class AttestConfig {

    public static final String FAILURE_POLICY = "attest.failure-policy";
    public static final String SENSITIVE_NAMES = "attest.redact.names";
    public static final String MAX_VALUE_LENGTH = "attest.max-value-length";
    public static final String MAX_DETAILS_LENGTH = "attest.max-details-length";
    public static final String TRUSTED_PROXIES = "attest.trusted-proxies";
    public static final String VIEWER_ROLE = "attest.viewer-role";
    public static final String AUTHENTICATION_FAILURE_POLICY = "attest.authentication.failure-policy";
    public static final String JOURNAL_DIR = "attest.journal.dir";
    public static final String JOURNAL_MAX_SIZE = "attest.journal.max-size";
    public static final String JOURNAL_RETRY_INTERVAL = "attest.journal.retry-interval";
    /** The role that may read the trail through the JSON API and the page when none is configured. */
    public static final String DEFAULT_VIEWER_ROLE = "audit-viewer";

    static final String DEFAULT_SENSITIVE_NAMES =
            "password,passwd,pwd,secret,token,credential,apikey,api_key,api-key,authorization,cookie,session,ssn,pin,cvv";
    /** The widest the details column holds. */
    public static final int DETAILS_COLUMN_LENGTH = 32_000;
    /** The widest the text columns hold. */
    public static final int TEXT_COLUMN_LENGTH = 2_000;

    private FailurePolicy failurePolicy;
    private FailurePolicy authenticationFailurePolicy;
    private Path journalDir;
    private long journalMaxSize;
    private Duration journalRetryInterval;
    private List<String> sensitiveNames;
    private int maxValueLength;
    private int maxDetailsLength;
    private List<String> trustedProxies;
    private String viewerRole;
    private ClientAddresses clientAddresses;

    @PostConstruct
    void load() {
        load(ConfigProvider.getConfig(AttestConfig.class.getClassLoader()));
    }

    /** Reads and validates every key; throws {@link IllegalArgumentException} naming a bad one. */
    public void load(Config config) {
        failurePolicy = policy(config, FAILURE_POLICY, FailurePolicy.FAIL_CLOSED);
        authenticationFailurePolicy = policy(config, AUTHENTICATION_FAILURE_POLICY, FailurePolicy.FAIL_OPEN);
        journalDir = journalDir(config);
        journalMaxSize = size(config, JOURNAL_MAX_SIZE, "64MB");
        journalRetryInterval = duration(config, JOURNAL_RETRY_INTERVAL, "PT5S", Duration.ofMillis(100), Duration.ofHours(1));
        sensitiveNames = list(config.getOptionalValue(SENSITIVE_NAMES, String.class).orElse(DEFAULT_SENSITIVE_NAMES))
                .stream().map(name -> name.toLowerCase(Locale.ROOT)).toList();
        maxValueLength = bounded(config, MAX_VALUE_LENGTH, 1_000, 16, TEXT_COLUMN_LENGTH);
        maxDetailsLength = bounded(config, MAX_DETAILS_LENGTH, 8_000, 256, DETAILS_COLUMN_LENGTH);
        trustedProxies = list(config.getOptionalValue(TRUSTED_PROXIES, String.class).orElse(""));
        // parsed here, at deployment, so that a bad entry fails the deployment instead of every request
        clientAddresses = new ClientAddresses(trustedProxies);
        viewerRole = viewerRole(config);
    }

    /** {@code attest.viewer-role}, default {@code audit-viewer}; a blank value is refused. */
    public static String viewerRole(Config config) {
        String role = config.getOptionalValue(VIEWER_ROLE, String.class).orElse(DEFAULT_VIEWER_ROLE).trim();
        if (role.isEmpty() || role.equals("*") || role.equals("**")) {
            throw new IllegalArgumentException(VIEWER_ROLE + " must name one role, not '" + role + "'");
        }
        return role;
    }

    private static FailurePolicy policy(Config config, String key, FailurePolicy defaultValue) {
        String policy = config.getOptionalValue(key, String.class).orElse(defaultValue.name());
        try {
            return FailurePolicy.valueOf(policy.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + " must be FAIL_CLOSED or FAIL_OPEN, not '" + policy + "'");
        }
    }

    private static Path journalDir(Config config) {
        String configured = config.getOptionalValue(JOURNAL_DIR, String.class).map(String::trim).orElse("");
        if (!configured.isEmpty()) {
            try {
                return Path.of(configured);
            } catch (InvalidPathException e) {
                throw new IllegalArgumentException(JOURNAL_DIR + " must be a directory path, not '" + configured + "'");
            }
        }
        // the server instance's own folder: a folder shared with other servers on the machine (the temporary
        // directory) would let one server replay, and empty, the journal of another
        Path serverData = ServerAdapters.load(AttestConfig.class.getClassLoader()).dataDirectory();
        return (serverData != null ? serverData : Path.of(System.getProperty("java.io.tmpdir"))).resolve("attest");
    }

    /** A size in bytes, with an optional unit {@code KB}, {@code MB} or {@code GB}: from 64KB to 16GB. */
    static long size(Config config, String key, String defaultValue) {
        String value = config.getOptionalValue(key, String.class).orElse(defaultValue).trim();
        String upper = value.toUpperCase(Locale.ROOT);
        long unit = upper.endsWith("GB") ? 1L << 30 : upper.endsWith("MB") ? 1L << 20 : upper.endsWith("KB") ? 1L << 10 : 1;
        String number = unit == 1 ? upper : upper.substring(0, upper.length() - 2).trim();
        long bytes;
        try {
            bytes = Math.multiplyExact(Long.parseLong(number), unit);
        } catch (NumberFormatException | ArithmeticException e) {
            bytes = -1;
        }
        if (bytes < 64L << 10 || bytes > 16L << 30) {
            throw new IllegalArgumentException(key + " must be a size from 64KB to 16GB (such as 64MB), not '" + value + "'");
        }
        return bytes;
    }

    private static Duration duration(Config config, String key, String defaultValue, Duration min, Duration max) {
        String value = config.getOptionalValue(key, String.class).orElse(defaultValue).trim();
        Duration duration;
        try {
            duration = Duration.parse(value);
        } catch (DateTimeParseException e) {
            duration = null;
        }
        if (duration == null || duration.compareTo(min) < 0 || duration.compareTo(max) > 0) {
            throw new IllegalArgumentException(key + " must be an ISO-8601 duration from " + min + " to " + max
                    + " (such as PT5S), not '" + value + "'");
        }
        return duration;
    }

    private static int bounded(Config config, String key, int defaultValue, int min, int max) {
        return wholeNumber(config, key, defaultValue, min, max);
    }

    /**
     * The whole number under {@code key} (or {@code defaultValue}) within {@code min} and {@code max}; anything
     * else throws {@link IllegalArgumentException} naming the key and the value.
     */
    public static int wholeNumber(Config config, String key, int defaultValue, int min, int max) {
        String text = config.getOptionalValue(key, String.class).map(String::trim).orElse(null);
        int value;
        if (text == null) {
            value = defaultValue;
        } else {
            try {
                value = Integer.parseInt(text);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(key + " must be a whole number between " + min + " and " + max
                        + ", not '" + text + "'");
            }
        }
        if (value < min || value > max) {
            throw new IllegalArgumentException(key + " must be between " + min + " and " + max + ", not " + value);
        }
        return value;
    }

    private static List<String> list(String value) {
        return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    /** {@code attest.failure-policy}, default {@code FAIL_CLOSED}. */
    public FailurePolicy failurePolicy() {
        return failurePolicy;
    }

    /** {@code attest.authentication.failure-policy}, default {@code FAIL_OPEN}: logins never wait for the store. */
    public FailurePolicy authenticationFailurePolicy() {
        return authenticationFailurePolicy;
    }

    /**
     * {@code attest.journal.dir}, default the folder {@code attest} in the server instance's own data folder
     * ({@code <jboss.server.data.dir>/attest} on WildFly, {@code <domain>/data/attest} on Payara): where the durable
     * journal lives.
     */
    public Path journalDir() {
        return journalDir;
    }

    /** {@code attest.journal.max-size}, default 64MB: the most bytes the journal file may hold. */
    public long journalMaxSize() {
        return journalMaxSize;
    }

    /** {@code attest.journal.retry-interval}, default PT5S: how often a journal the store refused is retried. */
    public Duration journalRetryInterval() {
        return journalRetryInterval;
    }

    /** {@code attest.redact.names}: lower-case fragments; an argument or key whose name contains one is masked. */
    public List<String> sensitiveNames() {
        return sensitiveNames;
    }

    /** {@code attest.max-value-length}, default 1000: the longest stored text value. */
    public int maxValueLength() {
        return maxValueLength;
    }

    /** {@code attest.max-details-length}, default 8000: the longest stored details JSON. */
    public int maxDetailsLength() {
        return maxDetailsLength;
    }

    /** {@code attest.trusted-proxies}: addresses or CIDR ranges whose X-Forwarded-For is believed. */
    public List<String> trustedProxies() {
        return trustedProxies;
    }

    /** The resolver of client addresses for {@code attest.trusted-proxies}, built and validated at deployment. */
    public ClientAddresses clientAddresses() {
        return clientAddresses;
    }

    /** {@code attest.viewer-role}, default {@code audit-viewer}: who may read the trail over HTTP. */
    public String viewerRole() {
        return viewerRole;
    }
}
