package dev.attest.security;

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
    public static final String WINDOW = "attest.security.login-failures.window";
    public static final String LOCKOUT = "attest.security.lockout";
    public static final String STATELESS_LOGIN_INTERVAL = "attest.security.stateless-login-interval";

    private int maxFailures;
    private Duration window;
    private boolean lockout;
    private Duration statelessLoginInterval;

    @PostConstruct
    void load() {
        load(ConfigProvider.getConfig(SecurityConfig.class.getClassLoader()));
    }

    /** Reads and validates every key; throws {@link IllegalArgumentException} naming a bad one. */
    public SecurityConfig load(Config config) {
        int max = config.getOptionalValue(MAX_FAILURES, Integer.class).orElse(5);
        if (max < 1 || max > 10_000) {
            throw new IllegalArgumentException(MAX_FAILURES + " must be between 1 and 10000, not " + max);
        }
        maxFailures = max;
        window = duration(config, WINDOW, "PT15M");
        statelessLoginInterval = duration(config, STATELESS_LOGIN_INTERVAL, "PT5M");
        String lock = config.getOptionalValue(LOCKOUT, String.class).orElse("false").trim().toLowerCase(Locale.ROOT);
        if (!lock.equals("true") && !lock.equals("false")) {
            throw new IllegalArgumentException(LOCKOUT + " must be true or false, not '" + lock + "'");
        }
        lockout = Boolean.parseBoolean(lock);
        return this;
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

    /** {@code attest.security.login-failures.max}, default 5: failures allowed per user name or address per window. */
    public int maxFailures() {
        return maxFailures;
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
}
