package dev.attest.internal.lifecycle;

import dev.attest.Actor;
import dev.attest.AuditContext;
import dev.attest.AuditLog;
import dev.attest.AuditRecord;
import dev.attest.Category;
import dev.attest.internal.config.AttestConfig;
import dev.attest.internal.system.SkipRules;
import dev.attest.internal.security.MonitorRules;
import dev.attest.internal.security.SecurityConfig;
import dev.attest.internal.security.SecurityExtension;
import dev.attest.internal.server.ServerAdapters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The audit trail audits itself: {@code attest.started} when the application starts, with Attest's effective
 * configuration as details, and {@code attest.stopped} when it stops (both {@code SYSTEM}, actor
 * {@code SYSTEM attest}). A web application stops when its servlet context is destroyed
 * ({@link ApplicationStopListener}), while the datasources it defines itself are still open (Payara closes them
 * before the application's CDI scope ends); any other application when its application scope ends. Either way
 * {@code attest.stopped} is written once.
 */
@ApplicationScoped
public class AttestLifecycle {

    public static final String STARTED = "attest.started";
    public static final String STOPPED = "attest.stopped";
    static final Actor ATTEST = Actor.system("attest");

    private static final Logger LOG = Logger.getLogger(AttestLifecycle.class.getName());

    @Inject
    AuditLog log;

    @Inject
    AttestConfig config;

    @Inject
    SecurityConfig security;

    @Inject
    SkipRules skip;

    @Inject
    SecurityExtension securityExtension;

    private final AtomicBoolean stopped = new AtomicBoolean();

    void started(@Observes @Initialized(ApplicationScoped.class) Object application) {
        ServerAdapters servers = securityExtension.servers();
        AuditContext.runAs(ATTEST, () -> log.record(AuditRecord.of(Category.SYSTEM, STARTED)
                .detail("configuration", effectiveConfiguration())
                .detail("serverAdapters", servers.names())
                .detail("observedBeforeAuthentication", servers.observed().stream().map(o -> o.key()).toList())));
    }

    void stopping(@Observes @BeforeDestroyed(ApplicationScoped.class) Object application) {
        stop();
    }

    /** Records {@code attest.stopped}, the first time only. */
    public void stop() {
        if (!stopped.compareAndSet(false, true)) {
            return;
        }
        try {
            AuditContext.runAs(ATTEST, () -> log.record(AuditRecord.of(Category.SYSTEM, STOPPED)));
        } catch (RuntimeException e) {
            // a failing store must not block the undeployment; the log says what was lost
            LOG.log(Level.SEVERE, "could not record " + STOPPED + ": " + e);
        }
    }

    /** Every Attest setting as it is in force, by key. */
    public Map<String, Object> effectiveConfiguration() {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put(AttestConfig.FAILURE_POLICY, config.failurePolicy().name());
        settings.put(AttestConfig.AUTHENTICATION_FAILURE_POLICY, config.authenticationFailurePolicy().name());
        settings.put(AttestConfig.JOURNAL_DIR, config.journalDir().toString());
        settings.put(AttestConfig.JOURNAL_MAX_SIZE, config.journalMaxSize());
        settings.put(AttestConfig.JOURNAL_RETRY_INTERVAL, config.journalRetryInterval().toString());
        settings.put(AttestConfig.SENSITIVE_NAMES, String.join(",", config.sensitiveNames()));
        settings.put(AttestConfig.MAX_VALUE_LENGTH, config.maxValueLength());
        settings.put(AttestConfig.MAX_DETAILS_LENGTH, config.maxDetailsLength());
        settings.put(AttestConfig.TRUSTED_PROXIES, String.join(",", config.trustedProxies()));
        settings.put(SecurityConfig.MAX_FAILURES, security.maxFailures());
        settings.put(SecurityConfig.MAX_FAILURES_PER_ADDRESS, security.maxFailuresPerAddress());
        settings.put(SecurityConfig.DELAY, security.delay().toString());
        settings.put(SecurityConfig.WINDOW, security.window().toString());
        settings.put(SecurityConfig.LOCKOUT, security.lockout());
        settings.put(SecurityConfig.STATELESS_LOGIN_INTERVAL, security.statelessLoginInterval().toString());
        settings.put(SecurityConfig.MONITOR, security.monitor());
        settings.put(SecurityConfig.MAX_HEADER_BYTES, security.maxHeaderBytes());
        settings.put(SecurityConfig.SLOW_REQUEST, security.slowRequest().toString());
        settings.put(ServerAdapters.UNOBSERVED, security.unobserved());
        settings.put(MonitorRules.PREFIX + "*", security.rules().rules().stream().map(MonitorRules.Rule::name).toList());
        settings.put(SkipRules.SKIP_ACTIONS, String.join(",", skip.configured(SkipRules.SKIP_ACTIONS)));
        settings.put(SkipRules.SKIP_ENTITIES, String.join(",", skip.configured(SkipRules.SKIP_ENTITIES)));
        return settings;
    }
}
