package dev.attest.internal.security;

import dev.attest.spi.LoginEnricher;
import dev.attest.Actor;
import dev.attest.AuditLog;
import dev.attest.AuditRecord;
import dev.attest.Category;
import dev.attest.Outcome;
import dev.attest.internal.capture.Text;
import dev.attest.internal.context.Scope;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Records authentication events and watches for brute force, with sliding windows of failed logins kept in
 * memory for this deployment (a restart or another cluster node starts from zero), counted three ways:
 * <ul>
 *   <li>per user name (ignoring case) and client address: more than {@code attest.security.login-failures.max}
 *       in {@code attest.security.login-failures.window} records {@code security.brute-force}; with
 *       {@code attest.security.lockout=true} that name is refused from that address until the window has
 *       passed, and every failure before that makes the next attempt of the pair wait
 *       {@code attest.security.login-failures.delay}, doubled per failure;</li>
 *   <li>per client address, any names: more than {@code attest.security.login-failures.max-per-address} records
 *       {@code security.brute-force} and, with lockout, refuses every name from that address;</li>
 *   <li>per user name, any addresses: more than {@code max-per-address} records {@code security.brute-force}
 *       only: a name alone is never locked, so that nobody can lock another user out.</li>
 * </ul>
 * A refused attempt is recorded as {@code authn.login.blocked}.
 */
@ApplicationScoped
public class LoginMonitor {

    public static final String LOGIN_SUCCESS = "authn.login.success";
    public static final String LOGIN_FAILURE = "authn.login.failure";
    public static final String LOGIN_BLOCKED = "authn.login.blocked";
    public static final String LOGOUT = "authn.logout";
    public static final String SESSION_EXPIRED = "authn.session.expired";
    public static final String BRUTE_FORCE = "security.brute-force";

    private static final Logger LOG = Logger.getLogger(LoginMonitor.class.getName());
    private static final int NAME = 255;
    /** Beyond this many tracked names and addresses, stale entries are dropped first. */
    private static final int MAX_KEYS = 100_000;

    @Inject
    AuditLog log;

    @Inject
    SecurityConfig config;

    @Inject
    Instance<LoginEnricher> enrichers;

    private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();
    private final Map<String, Instant> alerted = new ConcurrentHashMap<>();
    private final Map<String, Instant> statelessLogins = new ConcurrentHashMap<>();

    /**
     * Why an attempt is refused before authentication runs.
     *
     * @param status {@code 403} for a lockout, {@code 429} for an attempt that came before its delay had passed
     * @param retryAfterSeconds when to try again, for the {@code Retry-After} header
     * @param reason what the event records
     */
    public record Refusal(int status, long retryAfterSeconds, String reason) {
    }

    /** Whether attempts may be refused at all ({@code attest.security.lockout}). */
    public boolean lockout() {
        return config.lockout();
    }

    /** Why an attempt as {@code userName} (may be null) from {@code clientAddress} is refused now, else {@code null}. */
    public Refusal refusal(String userName, String clientAddress) {
        if (!config.lockout()) {
            return null;
        }
        Instant now = Instant.now();
        String pair = pairKey(Text.clean(userName, NAME), clientAddress);
        Deque<Instant> pairFailures = pair == null ? null : failures.get(pair);
        int count = 0;
        Instant first = null;
        Instant last = null;
        if (pairFailures != null) {
            synchronized (pairFailures) {
                prune(pairFailures, now.minus(config.window()));
                count = pairFailures.size();
                first = pairFailures.peekFirst();
                last = pairFailures.peekLast();
            }
        }
        if (count > config.maxFailures()) {
            return new Refusal(403, seconds(Duration.between(now, first.plus(config.window()))),
                    "too many failed logins for this user name from this client address; locked for " + config.window());
        }
        if (count(addressKey(clientAddress), now) > config.maxFailuresPerAddress()) {
            return new Refusal(403, seconds(config.window()), "too many failed logins from this client address; locked for "
                    + config.window());
        }
        if (count > 0 && !config.delay().isZero()) {
            Duration wait;
            try {
                wait = config.delay().multipliedBy(1L << Math.min(count - 1, 30));
            } catch (ArithmeticException beyondAnyWindow) {
                wait = config.window();
            }
            if (wait.compareTo(config.window()) > 0) {
                wait = config.window();
            }
            Instant allowed = last.plus(wait);
            if (allowed.isAfter(now)) {
                return new Refusal(429, seconds(Duration.between(now, allowed)), "another attempt for this user name"
                        + " from this client address came before the delay of " + wait + " after the last failure");
            }
        }
        return null;
    }

    private static long seconds(Duration duration) {
        long millis = Math.max(duration.toMillis(), 0);
        return Math.max(1, (millis + 999) / 1000);
    }

    /** {@code authn.login.success} for {@code userId} authenticated by {@code mechanism}. */
    public void succeeded(String userId, String mechanism) {
        record(AuditRecord.of(Category.AUTHENTICATION, LOGIN_SUCCESS).actor(Actor.user(userId))
                .detail("mechanism", mechanism), userId);
    }

    /**
     * Whether a login without a session (BASIC, bearer token: every request authenticates) is due to be
     * recorded: once per user, address and mechanism per {@code attest.security.stateless-login-interval}.
     */
    public boolean statelessLoginDue(String userId, String mechanism, String clientAddress) {
        Instant now = Instant.now();
        String key = userId + '\u0000' + mechanism + '\u0000' + clientAddress;
        Instant last = statelessLogins.get(key);
        if (last != null && last.plus(config.statelessLoginInterval()).isAfter(now)) {
            return false;
        }
        if (statelessLogins.size() > MAX_KEYS) {
            statelessLogins.values().removeIf(t -> t.plus(config.statelessLoginInterval()).isBefore(now));
        }
        statelessLogins.put(key, now);
        return true;
    }

    /** {@code authn.login.failure}, counted towards brute-force detection. */
    public void failed(String attemptedUserName, String mechanism, String reason, String clientAddress) {
        String name = Text.clean(attemptedUserName, NAME);
        AuditRecord failure = AuditRecord.of(Category.AUTHENTICATION, LOGIN_FAILURE).actor(Actor.anonymous())
                .outcome(Outcome.FAILURE).detail("mechanism", mechanism).error("LoginFailed", reason);
        if (name != null) {
            failure.target("User", name);
        }
        // counted before anything is written: the next attempt may arrive while the failure is being recorded
        Instant now = Instant.now();
        String address = clientAddress == null || clientAddress.isEmpty() ? null : clientAddress;
        List<AuditRecord> alarms = new ArrayList<>(3);
        alarms.add(count(pairKey(name, address), now, config.maxFailures(), config.lockout(), "User", name,
                "name-and-address", address));
        alarms.add(count(addressKey(address), now, config.maxFailuresPerAddress(), config.lockout(), "ClientAddress",
                address, "address", null));
        alarms.add(count(nameKey(name), now, config.maxFailuresPerAddress(), false, "User", name, "name", null));
        record(failure, name);
        alarms.stream().filter(Objects::nonNull).forEach(log::record);
    }

    /** {@code authn.login.blocked}: an attempt refused by the lockout or its delay. */
    public void blocked(String attemptedUserName, String mechanism, Refusal refusal) {
        String name = Text.clean(attemptedUserName, NAME);
        AuditRecord blocked = AuditRecord.of(Category.AUTHENTICATION, LOGIN_BLOCKED).actor(Actor.anonymous())
                .outcome(Outcome.DENIED).detail("mechanism", mechanism)
                .detail("retryAfterSeconds", refusal.retryAfterSeconds())
                .error(refusal.status() == 429 ? "LoginDelayed" : "LoginBlocked", refusal.reason());
        if (name != null) {
            blocked.target("User", name);
        }
        record(blocked, name);
    }

    /** {@code authn.logout} of {@code userId}. */
    public void loggedOut(String userId, String mechanism, String how) {
        log.record(AuditRecord.of(Category.AUTHENTICATION, LOGOUT).actor(Actor.user(userId))
                .detail("mechanism", mechanism).detail("how", how));
    }

    /** {@code authn.session.expired}: the session of {@code userId} timed out. */
    public void sessionExpired(String userId, String mechanism, String sessionCreated, int maxInactiveSeconds) {
        log.record(AuditRecord.of(Category.AUTHENTICATION, SESSION_EXPIRED).actor(Actor.user(userId))
                .detail("mechanism", mechanism).detail("sessionCreated", sessionCreated)
                .detail("maxInactiveSeconds", maxInactiveSeconds));
    }

    /** Counts a failure under {@code key}; returns the alarm to record for the first one over {@code max} in a window. */
    private AuditRecord count(String key, Instant now, int max, boolean locks, String kind, String value, String scope,
                              String address) {
        if (key == null) {
            return null;
        }
        Duration window = config.window();
        if (failures.size() > MAX_KEYS) {
            failures.entrySet().removeIf(e -> {
                synchronized (e.getValue()) {
                    Instant last = e.getValue().peekLast();
                    return last == null || last.plus(window).isBefore(now);
                }
            });
            alerted.values().removeIf(t -> t.plus(window).isBefore(now));
        }
        Deque<Instant> times = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
        int count;
        synchronized (times) {
            times.addLast(now);
            prune(times, now.minus(window));
            count = times.size();
        }
        if (count > max) {
            Instant previous = alerted.get(key);
            if (previous == null || previous.plus(window).isBefore(now)) {
                alerted.put(key, now);
                AuditRecord alarm = AuditRecord.of(Category.SECURITY, BRUTE_FORCE).actor(Actor.anonymous())
                        .outcome(locks ? Outcome.DENIED : Outcome.FAILURE)
                        .target(kind, value)
                        .detail("scope", scope)
                        .detail("failures", count).detail("window", window.toString())
                        .detail("max", max).detail("lockout", locks);
                if (address != null) {
                    alarm.detail("clientAddress", address);
                }
                return alarm;
            }
        }
        return null;
    }

    /** Failures under {@code key} within the window, {@code 0} for a {@code null} key. */
    private int count(String key, Instant now) {
        Deque<Instant> times = key == null ? null : failures.get(key);
        if (times == null) {
            return 0;
        }
        synchronized (times) {
            prune(times, now.minus(config.window()));
            return times.size();
        }
    }

    private static void prune(Deque<Instant> times, Instant oldest) {
        while (!times.isEmpty() && times.peekFirst().isBefore(oldest)) {
            times.removeFirst();
        }
    }

    /** User names are counted ignoring case and surrounding blanks: {@code Bob} and {@code bob } are one name. */
    private static String normal(String userName) {
        String name = userName == null ? null : userName.strip().toLowerCase(Locale.ROOT);
        return name == null || name.isEmpty() ? null : name;
    }

    private static String pairKey(String userName, String address) {
        String name = normal(userName);
        return name == null || address == null || address.isEmpty() ? null : "pair:" + name + '\u0000' + address;
    }

    private static String addressKey(String address) {
        return address == null || address.isEmpty() ? null : "address:" + address;
    }

    private static String nameKey(String userName) {
        String name = normal(userName);
        return name == null ? null : "user:" + name;
    }

    private void record(AuditRecord record, String userName) {
        String address = Scope.current().request() == null ? null : Scope.current().request().clientAddress();
        for (LoginEnricher enricher : enrichers) {
            try {
                Map<String, ?> extra = enricher.enrich(userName, address);
                if (extra != null) {
                    extra.forEach(record::detail);
                }
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "login enricher " + enricher.getClass().getName() + " failed: " + e);
            }
        }
        log.record(record);
    }
}
