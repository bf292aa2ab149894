package dev.attest.it;

import dev.attest.AuditEvent;
import dev.attest.Category;
import dev.attest.Outcome;
import jakarta.inject.Inject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The optional security monitor: rules from configuration, oversized headers, slow requests. */
@ExtendWith(ArquillianExtension.class)
class MonitorIT {

    @Deployment
    static WebArchive deployment() {
        return Deployments.war("monitor", Deployments.config(
                "attest.security.monitor=true",
                "attest.security.monitor.max-header-bytes=4096",
                "attest.security.slow-request=PT0.3S",
                "attest.security.monitor.rules.admin-probe=path:(?i)/wp-admin",
                "attest.security.monitor.rules.script-injection=off"));
    }

    @ArquillianResource
    URL base;

    @Inject
    Probe probe;

    private AuditEvent suspicious(String requestId) {
        List<AuditEvent> found = probe.events(RequestMonitorNames.SUSPICIOUS).stream()
                .filter(e -> requestId.equals(e.requestId())).toList();
        assertEquals(1, found.size(), found.toString());
        return found.get(0);
    }

    private int get(String path, String requestId, String... headers) {
        var request = Http.request(base, path).header("X-Request-ID", requestId);
        if (headers.length > 0) {
            request.headers(headers);
        }
        return Http.send(request.GET().build()).statusCode();
    }

    @Test
    void pathTraversalInjectionAndScannersAreRecordedWithWhatMatched() {
        get("public/invoices?file=../../etc/passwd", "m-1");
        get("public/invoices?id=1%27%20OR%201=1", "m-2", "User-Agent", "sqlmap/1.7.2#stable");
        get("wp-admin/setup.php", "m-3");

        AuditEvent traversal = suspicious("m-1");
        assertEquals(Category.SECURITY, traversal.category());
        assertEquals(Outcome.FAILURE, traversal.outcome());
        assertTrue(traversal.details().contains("path-traversal-query"), traversal.details());
        assertTrue(traversal.details().contains("\"matched\":\"../\""), traversal.details());
        AuditEvent injection = suspicious("m-2");
        assertTrue(injection.details().contains("sql-injection"), injection.details());
        assertTrue(injection.details().contains("scanner-user-agent"), injection.details());
        assertTrue(injection.details().contains("sqlmap"), injection.details());
        assertTrue(suspicious("m-3").details().contains("admin-probe"), "a rule added by configuration");
    }

    @Test
    void switchedOffRulesAndOrdinaryRequestsRecordNothing() {
        get("public/invoices?q=%3Cscript%3Ealert(1)", "m-4");
        get("public/invoices?page=2", "m-5");

        assertTrue(probe.events(RequestMonitorNames.SUSPICIOUS).stream()
                .noneMatch(e -> "m-4".equals(e.requestId()) || "m-5".equals(e.requestId())));
    }

    @Test
    void missingUserAgentAndOversizedHeadersAreRecorded() throws Exception {
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET /monitor/public/invoices HTTP/1.1\r\nHost: " + base.getHost() + "\r\nX-Request-ID: m-6\r\n"
                    + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            in.readAllBytes();
        }
        get("public/invoices", "m-7", "X-Padding", "x".repeat(5000));

        assertTrue(suspicious("m-6").details().contains("missing-user-agent"), suspicious("m-6").details());
        AuditEvent big = suspicious("m-7");
        assertTrue(big.details().contains("oversized-headers"), big.details());
        assertTrue(big.details().contains("bytes > 4096"), big.details());
    }

    @Test
    void slowRequestsRecordAPerformanceEventWithTheDuration() {
        assertEquals(200, Http.post(Http.request(base, "public/invoices?number=SLOW-1&slow=500")
                .header("X-Request-ID", "m-8")).statusCode());
        assertEquals(200, Http.post(Http.request(base, "public/invoices?number=FAST-1")
                .header("X-Request-ID", "m-9")).statusCode());

        List<AuditEvent> slow = probe.events("system.performance");
        assertEquals(1, slow.stream().filter(e -> "m-8".equals(e.requestId())).count(), slow.toString());
        AuditEvent event = slow.stream().filter(e -> "m-8".equals(e.requestId())).findFirst().orElseThrow();
        assertEquals(Category.SYSTEM, event.category());
        assertTrue(event.durationMillis() >= 500, String.valueOf(event.durationMillis()));
        assertTrue(event.details().contains("\"severity\":\"PERFORMANCE\""), event.details());
        assertTrue(slow.stream().noneMatch(e -> "m-9".equals(e.requestId())));
    }

    /** The event name, without depending on the library's internals from the client side. */
    static final class RequestMonitorNames {
        static final String SUSPICIOUS = "security.suspicious-request";
    }
}
