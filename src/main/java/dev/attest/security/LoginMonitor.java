package dev.attest.security;

import dev.attest.Actor;
import dev.attest.AuditLog;
import dev.attest.AuditRecord;
import dev.attest.Category;
import dev.attest.Outcome;
import dev.attest.capture.Text;
import dev.attest.context.Scope;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Records authentication events and watches for brute force: a sliding window of failed logins per user
 * name and per client address, kept in memory for this deployment (a restart or another cluster node starts
 * from zero). More than {@code attest.security.login-failures.max} failures in
 * {@code attest.security.login-failures.window} records one {@code security.brute-force} event per user name
 * or address and window; with {@code attest.security.lockout=true}, further attempts from that name or
 * address are refused until the window has passed and recorded as {@code authn.login.blocked}.
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

    /** Whether an attempt as {@code userName} (may be null) from {@code clientAddress} is refused now. */
    public boolean locked(String userName, String clientAddress) {
        if (!config.lockout()) {
            return false;
        }
        Instant now = Instant.now();
        return over(key("user", userName), now) || over(key("address", clientAddress), now);
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
        record(failure, name);
        Instant now = Instant.now();
        count(key("user", name), "User", name, now);
        count(key("address", clientAddress), "ClientAddress", clientAddress, now);
    }

    /** {@code authn.login.blocked}: an attempt refused by the lockout. */
    public void blocked(String attemptedUserName, String mechanism, String clientAddress) {
        String name = Text.clean(attemptedUserName, NAME);
        AuditRecord blocked = AuditRecord.of(Category.AUTHENTICATION, LOGIN_BLOCKED).actor(Actor.anonymous())
                .outcome(Outcome.DENIED).detail("mechanism", mechanism)
                .error("LoginBlocked", "too many failed logins for this user name or client address; locked for "
                        + config.window());
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

    private void count(String key, String kind, String value, Instant now) {
        if (key == null) {
            return;
        }
        Duration window = config.window();
        if (failures.size() > MAX_KEYS) {
            failures.entrySet().removeIf(e -> {
                synchronized (e.getValue()) {
                    Instant last = e.getValue().peekLast();
                    return last == null || last.plus(window).isBefore(now);
                }
            });
        }
        Deque<Instant> times = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
        int count;
        synchronized (times) {
            times.addLast(now);
            prune(times, now.minus(window));
            count = times.size();
        }
        if (count > config.maxFailures()) {
            Instant previous = alerted.get(key);
            if (previous == null || previous.plus(window).isBefore(now)) {
                alerted.put(key, now);
                log.record(AuditRecord.of(Category.SECURITY, BRUTE_FORCE).actor(Actor.anonymous())
                        .outcome(config.lockout() ? Outcome.DENIED : Outcome.FAILURE)
                        .target(kind, value)
                        .detail("failures", count).detail("window", window.toString())
                        .detail("max", config.maxFailures()).detail("lockout", config.lockout()));
            }
        }
    }

    private boolean over(String key, Instant now) {
        if (key == null) {
            return false;
        }
        Deque<Instant> times = failures.get(key);
        if (times == null) {
            return false;
        }
        synchronized (times) {
            prune(times, now.minus(config.window()));
            return times.size() > config.maxFailures();
        }
    }

    private static void prune(Deque<Instant> times, Instant oldest) {
        while (!times.isEmpty() && times.peekFirst().isBefore(oldest)) {
            times.removeFirst();
        }
    }

    private static String key(String kind, String value) {
        return value == null || value.isEmpty() ? null : kind + ':' + value;
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
