package dev.attest.internal.security;

import dev.attest.AuditLog;
import dev.attest.AuditRecord;
import dev.attest.Category;
import dev.attest.Outcome;
import dev.attest.Severity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The optional security monitor ({@code attest.security.monitor=true}): a request that matches a rule of
 * {@link MonitorRules}, or whose headers are larger than {@code attest.security.monitor.max-header-bytes},
 * records {@code security.suspicious-request}; a request slower than {@code attest.security.slow-request}
 * records {@code system.performance}. The monitor observes: it never refuses a request.
 */
@ApplicationScoped
public class RequestMonitor {

    public static final String SUSPICIOUS = "security.suspicious-request";

    @Inject
    SecurityConfig config;

    @Inject
    AuditLog log;

    public boolean enabled() {
        return config.monitor();
    }

    /** Checks {@code request} against the rules; records one event listing every match. */
    public void inspect(HttpServletRequest request) {
        Map<String, String> parts = new LinkedHashMap<>();
        parts.put("path", String.valueOf(request.getRequestURI()));
        parts.put("query", request.getQueryString() == null ? "" : request.getQueryString());
        parts.put("user-agent", request.getHeader("User-Agent") == null ? "" : request.getHeader("User-Agent"));
        StringBuilder headers = new StringBuilder();
        long headerBytes = 0;
        for (String name : Collections.list(request.getHeaderNames())) {
            for (String value : Collections.list(request.getHeaders(name))) {
                headers.append(name).append(": ").append(value).append('\n');
                headerBytes += name.length() + value.length() + 4;
            }
        }
        parts.put("headers", headers.toString());
        List<MonitorRules.Match> matches = new java.util.ArrayList<>(config.rules().match(parts));
        if (headerBytes > config.maxHeaderBytes()) {
            matches.add(new MonitorRules.Match("oversized-headers", "headers",
                    headerBytes + " bytes > " + config.maxHeaderBytes()));
        }
        if (matches.isEmpty()) {
            return;
        }
        log.record(AuditRecord.of(Category.SECURITY, SUSPICIOUS).outcome(Outcome.FAILURE)
                .detail("severity", Severity.SECURITY.name())
                .detail("rules", matches.stream().map(MonitorRules.Match::rule).toList())
                .detail("matches", matches.stream().map(m -> Map.of("rule", m.rule(), "part", m.part(), "matched", m.matched()))
                        .toList()));
    }

    /** Records {@code system.performance} when {@code millis} exceeds the slow-request limit. */
    public void timed(long millis) {
        if (millis > config.slowRequest().toMillis()) {
            log.record(AuditRecord.of(Category.SYSTEM, Severity.PERFORMANCE.action()).durationMillis(millis)
                    .detail("severity", Severity.PERFORMANCE.name()).detail("title", "slow request")
                    .detail("limit", config.slowRequest().toString()).detail("durationMillis", millis));
        }
    }
}
