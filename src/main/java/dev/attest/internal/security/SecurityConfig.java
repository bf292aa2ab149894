package dev.attest.internal.security;

import dev.attest.internal.config.AttestConfig;
import dev.attest.internal.server.ServerAdapters;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * The {@code attest.security.*} settings, read once from MicroProfile Config. An invalid value fails the
 * deployment with a message naming the key (checked by {@link SecurityExtension}).
 */
@ApplicationScoped
public class SecurityConfig {

    public static final String MAX_FAILURES = "attest.security.login-failures.max";
    public static final String MAX_FAILURES_PER_ADDRESS = "attest.security.login-failures.max-per-address";
    public static final String DELAY = "attest.security.login-failures.delay";
    public static final String WINDOW = "attest.security.login-failures.window";
    public static final String LOCKOUT = "attest.security.lockout";
    public static final String STATELESS_LOGIN_INTERVAL = "attest.security.stateless-login-interval";
    public static final String MONITOR = "attest.security.monitor";
    public static final String MAX_HEADER_BYTES = "attest.security.monitor.max-header-bytes";
    public static final String SLOW_REQUEST = "attest.security.slow-request";

    private int maxFailures;
    private int maxFailuresPerAddress;
    private Duration delay;
    private Duration window;
    private boolean lockout;
    private Duration statelessLoginInterval;
    private boolean monitor;
    private int maxHeaderBytes;
    private Duration slowRequest;
    private MonitorRules rules;
    private String unobserved;

    @PostConstruct
    void load() {
        load(ConfigProvider.getConfig(SecurityConfig.class.getClassLoader()));
    }

    /** Reads and validates every key; throws {@link IllegalArgumentException} naming a bad one. */
    public SecurityConfig load(Config config) {
        maxFailures = AttestConfig.wholeNumber(config, MAX_FAILURES, 5, 1, 10_000);
        maxFailuresPerAddress = AttestConfig.wholeNumber(config, MAX_FAILURES_PER_ADDRESS, 100, 1, 1_000_000);
        if (maxFailuresPerAddress < maxFailures) {
            throw new IllegalArgumentException(MAX_FAILURES_PER_ADDRESS + " must not be below " + MAX_FAILURES + " ("
                    + maxFailures + "), not " + maxFailuresPerAddress);
        }
        delay = duration(config, DELAY, "PT1S");
        window = duration(config, WINDOW, "PT15M");
        statelessLoginInterval = duration(config, STATELESS_LOGIN_INTERVAL, "PT5M");
        lockout = flag(config, LOCKOUT);
        monitor = flag(config, MONITOR);
        maxHeaderBytes = AttestConfig.wholeNumber(config, MAX_HEADER_BYTES, 8192, 256, 1_048_576);
        slowRequest = duration(config, SLOW_REQUEST, "PT5S");
        rules = MonitorRules.from(config);
        unobserved = config.getOptionalValue(ServerAdapters.UNOBSERVED, String.class).orElse("").trim();
        return this;
    }

    private static boolean flag(Config config, String key) {
        String value = config.getOptionalValue(key, String.class).orElse("false").trim().toLowerCase(Locale.ROOT);
        if (!value.equals("true") && !value.equals("false")) {
            throw new IllegalArgumentException(key + " must be true or false, not '" + value + "'");
        }
        return Boolean.parseBoolean(value);
    }

    static Duration duration(Config config, String key, String defaultValue) {
        String text = config.getOptionalValue(key, String.class).orElse(defaultValue).trim();
        Duration value;
        try {
            value = Duration.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(key + " must be an ISO-8601 duration such as PT15M, not '" + text + "'");
        }
        if (value.isNegative()) {
            throw new IllegalArgumentException(key + " must not be negative, not '" + text + "'");
        }
        return value;
    }

    /** {@code attest.security.login-failures.max}, default 5: failures allowed per user name and address per window. */
    public int maxFailures() {
        return maxFailures;
    }

    /**
     * {@code attest.security.login-failures.max-per-address}, default 100: failures allowed per client address
     * (any user names) per window.
     */
    public int maxFailuresPerAddress() {
        return maxFailuresPerAddress;
    }

    /**
     * {@code attest.security.login-failures.delay}, default PT1S: with lockout on, the wait after the first failure
     * of a user name and address, doubled by every further failure (at most the window); zero turns it off.
     */
    public Duration delay() {
        return delay;
    }

    /** {@code attest.security.login-failures.window}, default PT15M. */
    public Duration window() {
        return window;
    }

    /** {@code attest.security.lockout}, default false: refuse further attempts in the window. */
    public boolean lockout() {
        return lockout;
    }

    /** {@code attest.security.stateless-login-interval}, default PT5M: how often a session-less login is recorded again. */
    public Duration statelessLoginInterval() {
        return statelessLoginInterval;
    }

    /** {@code attest.security.monitor}, default false: the security monitor of requests. */
    public boolean monitor() {
        return monitor;
    }

    /** {@code attest.security.monitor.max-header-bytes}, default 8192: larger request headers are suspicious. */
    public int maxHeaderBytes() {
        return maxHeaderBytes;
    }

    /** {@code attest.security.slow-request}, default PT5S: slower requests record a performance event. */
    public Duration slowRequest() {
        return slowRequest;
    }

    /**
     * {@code attest.security.unobserved}, default empty: the kinds of security events the application accepts not to
     * record on a server that cannot observe them (checked against the server adapters at deployment).
     */
    public String unobserved() {
        return unobserved;
    }

    /** {@code attest.security.monitor.rules.*}: the monitor's rules. */
    public MonitorRules rules() {
        return rules;
    }
}
