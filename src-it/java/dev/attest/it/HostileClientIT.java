package dev.attest.it;

import dev.attest.Actor;
import dev.attest.AuditContext;
import dev.attest.AuditEvent;
import dev.attest.AuditLog;
import dev.attest.AuditRecord;
import dev.attest.Category;
import dev.attest.Outcome;
import dev.attest.it.security.SessionServlet;
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
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a hostile or careless client sends: malformed credentials, guesses at the audit trail's paths and
 * methods, logins retried too fast, downloads dropped half-way. Each answer reveals nothing and each attempt
 * is recorded once. 127.0.0.1 is a trusted proxy here, so X-Forwarded-For names the client.
 */
@ExtendWith(ArquillianExtension.class)
class HostileClientIT {

    @Deployment
    static WebArchive deployment() {
        return Deployments.war("hostile", Deployments.config(
                "attest.trusted-proxies=127.0.0.1, ::1",
                "attest.security.lockout=true",
                "attest.security.login-failures.max=3",
                "attest.security.login-failures.max-per-address=50",
                "attest.security.login-failures.delay=PT3S"), SessionServlet.class);
    }

    @ArquillianResource
    URL base;

    @Inject
    Probe probe;

    @Inject
    AuditLog log;

    private static HttpRequest.Builder as(HttpRequest.Builder request, String user) {
        return user == null ? request : Http.as(request, user, user + "-pw");
    }

    private HttpResponse<String> call(String method, String path, String user) {
        return Http.send(as(Http.request(base, path), user).method(method, HttpRequest.BodyPublishers.noBody()).build());
    }

    private List<AuditEvent> events(String action, Predicate<AuditEvent> filter) {
        return probe.events(action).stream().filter(filter).toList();
    }

    private String path(String relative) {
        return base.getPath() + relative;
    }

    @Test
    void aDeniedReadOfTheAuditTrailIsOneDenialAndOneEvent() {
        assertEquals(403, call("GET", "audit/api/events/777001", "bob").statusCode());
        assertEquals(403, call("GET", "audit/app.css", "bob").statusCode());

        for (String denied : List.of("audit/api/events/777001", "audit/app.css")) {
            List<AuditEvent> found = events("authz.denied", e -> path(denied).equals(e.httpPath()));
            assertEquals(1, found.size(), "one event for one denial of " + denied + ": " + found);
            assertEquals(Actor.user("bob"), found.get(0).actor());
            assertEquals(Outcome.DENIED, found.get(0).outcome());
            assertTrue(found.get(0).details().contains("\"requiredRole\":\"audit-viewer\""), found.get(0).details());
        }
    }

    @Test
    void theAuditTrailAsksForTheRoleBeforeRevealingWhichPathsAndMethodsExist() {
        List<String[]> probes = List.of(new String[] {"GET", "audit"}, new String[] {"GET", "audit/"},
                new String[] {"GET", "audit/app.js"}, new String[] {"GET", "audit/no-such-file.js"},
                new String[] {"GET", "audit/WEB-INF/web.xml"}, new String[] {"HEAD", "audit/"},
                new String[] {"POST", "audit/"}, new String[] {"DELETE", "audit/app.css"},
                new String[] {"GET", "audit/api/events"}, new String[] {"GET", "audit/api/no-such-endpoint"},
                new String[] {"PUT", "audit/api/events/1"}, new String[] {"HEAD", "audit/api/nothing"});
        for (String[] probe : probes) {
            HttpResponse<String> anonymous = call(probe[0], probe[1], null);
            assertEquals(401, anonymous.statusCode(), "anonymous " + probe[0] + " " + probe[1]);
            assertTrue(anonymous.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Basic"),
                    probe[0] + " " + probe[1] + ": " + anonymous.headers().map());
            HttpResponse<String> bob = call(probe[0], probe[1], "bob");
            assertEquals(403, bob.statusCode(), "bob " + probe[0] + " " + probe[1] + ": " + bob.body());
            assertTrue(bob.headers().firstValue("Allow").isEmpty(), "no method list for a non-viewer");
            assertFalse(bob.headers().firstValue("Location").isPresent(), "no redirect for a non-viewer");
        }
        for (String[] probe : probes) {
            String denied = path(probe[1]);
            assertEquals(1, events("authz.denied", e -> Actor.user("bob").equals(e.actor()) && denied.equals(e.httpPath())
                    && probe[0].equals(e.httpMethod())).size(), "one denial for bob's " + probe[0] + " " + denied);
        }
    }

    @Test
    void headIsServedWhereGetIsWithoutABody() {
        for (String path : List.of("audit/", "audit/app.js", "audit/api/events?limit=1", "audit/api/summary")) {
            HttpResponse<String> get = call("GET", path, "alice");
            HttpResponse<String> head = call("HEAD", path, "alice");
            assertEquals(200, get.statusCode(), path);
            assertEquals(200, head.statusCode(), "HEAD " + path + ": " + head.body());
            assertEquals("", head.body());
            assertEquals(get.headers().firstValue("Content-Type"), head.headers().firstValue("Content-Type"), path);
        }
        assertEquals(404, call("HEAD", "audit/no-such-file.js", "alice").statusCode());
        HttpResponse<String> post = call("POST", "audit/api/events", "alice");
        assertEquals(405, post.statusCode());
        assertEquals("GET, HEAD", post.headers().firstValue("Allow").orElse(null));
    }

    @Test
    void malformedBasicCredentialsAreABadRequestARecordedFailureAndNoStackTrace() {
        Base64.Encoder b64 = Base64.getEncoder();
        Map<String, String> variants = new java.util.LinkedHashMap<>();
        variants.put("192.0.2.1", "Basic ====");
        variants.put("192.0.2.2", "Basic " + b64.encodeToString("no-colon-at-all".getBytes(StandardCharsets.UTF_8)));
        variants.put("192.0.2.3", "Basic " + b64.encodeToString(new byte[] {(byte) 0xC3, 0x28, ':', 'p', 'w'}));
        variants.put("192.0.2.4", "Basic");
        // over Attest's 4096 characters, under the 8 KB of request headers Payara's HTTP listener accepts at all
        variants.put("192.0.2.5", "Basic " + b64.encodeToString(("huge:" + "p".repeat(3_500)).getBytes(StandardCharsets.UTF_8)));
        variants.put("192.0.2.6", "Basic " + "%%%%");
        ServerLog serverLog = ServerLog.mark();
        for (Map.Entry<String, String> variant : variants.entrySet()) {
            HttpResponse<String> response = Http.send(Http.request(base, "secured/session")
                    .version(java.net.http.HttpClient.Version.HTTP_1_1) // no h2c upgrade: one request, one answer
                    .header("Authorization", variant.getValue()).header("X-Forwarded-For", variant.getKey()).GET().build());
            String shown = variant.getValue().substring(0, Math.min(40, variant.getValue().length()));
            assertTrue(response.statusCode() == 400 || response.statusCode() == 401, shown + ": " + response.statusCode());
            assertFalse(response.body().contains("Exception") || response.body().contains("\tat "),
                    shown + " answered a stack trace: " + response.body());
            List<AuditEvent> failures = events("authn.login.failure", e -> variant.getKey().equals(e.clientAddress()));
            assertEquals(1, failures.size(), shown + ": " + failures);
            assertEquals(Outcome.FAILURE, failures.get(0).outcome());
            assertTrue(failures.get(0).errorMessage().startsWith("malformed credentials"), failures.get(0).errorMessage());
        }
        String written = serverLog.sinceMark();
        assertFalse(written.contains(" ERROR "), "nothing logged at ERROR: " + written);
        assertFalse(written.contains("\tat "), "no stack trace in server.log: " + written);
    }

    @Test
    void aRetryBeforeTheDelayIsRefusedWith429ForThatNameAndAddressOnly() throws InterruptedException {
        String from = "198.51.100.40";
        HttpResponse<String> wrong = Http.send(Http.as(Http.request(base, "secured/session"), "carol", "guess")
                .header("X-Forwarded-For", from).GET().build());
        assertEquals(401, wrong.statusCode());
        long failedAt = System.nanoTime();

        HttpResponse<String> tooSoon = Http.send(Http.as(Http.request(base, "secured/session"), "carol", "carol-pw")
                .header("X-Forwarded-For", from).GET().build());
        assertTrue(System.nanoTime() - failedAt < 2_500_000_000L, "the retry came within the delay of 3 s");
        assertEquals(429, tooSoon.statusCode(), tooSoon.body());
        long retryAfter = Long.parseLong(tooSoon.headers().firstValue("Retry-After").orElse("0"));
        assertTrue(retryAfter >= 1 && retryAfter <= 3, "Retry-After " + retryAfter);
        AuditEvent delayed = events("authn.login.blocked", e -> from.equals(e.clientAddress())).get(0);
        assertEquals("LoginDelayed", delayed.errorType());
        assertEquals("carol", delayed.targetId());

        assertEquals(200, Http.send(Http.as(Http.request(base, "secured/session"), "carol", "carol-pw")
                .header("X-Forwarded-For", "198.51.100.41").GET().build()).statusCode(), "carol elsewhere waits for nothing");
        Thread.sleep(3_200 - Math.min(3_000, (System.nanoTime() - failedAt) / 1_000_000));
        assertEquals(200, Http.send(Http.as(Http.request(base, "secured/session"), "carol", "carol-pw")
                .header("X-Forwarded-For", from).GET().build()).statusCode(), "after the delay the attempt is served");
    }

    @Test
    void anExportIsRecordedBeforeItsFirstByteAndAnAbortedDownloadAsTruncated() throws Exception {
        String blob = "x".repeat(7_000);
        AuditContext.runAs(Actor.user("export-abort"), () -> {
            for (int i = 0; i < 3_000; i++) {
                log.record(AuditRecord.of(Category.SYSTEM, "bulk.blob").target("Blob", "b-" + i).detail("blob", blob));
            }
        });
        String token = Base64.getEncoder().encodeToString("alice:alice-pw".getBytes(StandardCharsets.UTF_8));
        try (Socket socket = new Socket()) {
            socket.setReceiveBufferSize(4096);
            socket.connect(new java.net.InetSocketAddress(base.getHost(), base.getPort()), 10_000);
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path("audit/api/export.jsonl?actor=export-abort&action=bulk.blob") + " HTTP/1.1\r\n"
                    + "Host: " + base.getHost() + ":" + base.getPort() + "\r\n"
                    + "Authorization: Basic " + token + "\r\n"
                    + "X-Forwarded-For: 198.51.100.50\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] first = new byte[2048];
            int read = 0;
            while (read < first.length) {
                int n = in.read(first, read, first.length - read);
                if (n < 0) {
                    break;
                }
                read += n;
            }
            assertTrue(new String(first, 0, read, StandardCharsets.ISO_8859_1).startsWith("HTTP/1.1 200"));

            // the client has read the first bytes and no more: the export is recorded already
            List<AuditEvent> started = events("audit.export", e -> "198.51.100.50".equals(e.clientAddress()));
            assertEquals(1, started.size(), "recorded before the first byte: " + started);
            assertEquals(Actor.user("alice"), started.get(0).actor());
            assertTrue(started.get(0).details().contains("export-abort"), "with its filters: " + started.get(0).details());
            assertTrue(events("audit.export.completed", e -> "198.51.100.50".equals(e.clientAddress())).isEmpty());

            socket.setSoLinger(true, 0); // the client goes away mid-stream
        }
        long deadline = System.nanoTime() + 30_000_000_000L;
        List<AuditEvent> truncated = List.of();
        while (truncated.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(200);
            truncated = events("audit.export.truncated", e -> "198.51.100.50".equals(e.clientAddress()));
        }
        assertEquals(1, truncated.size(), "the aborted download is recorded as truncated");
        AuditEvent cut = truncated.get(0);
        assertEquals(Outcome.FAILURE, cut.outcome());
        assertEquals(Actor.user("alice"), cut.actor());
        long records = new com.fasterxml.jackson.databind.ObjectMapper().readTree(cut.details()).get("records").asLong();
        assertTrue(records < 3_000, "fewer records than the export holds: " + records);
        assertTrue(events("audit.export.completed", e -> "198.51.100.50".equals(e.clientAddress())).isEmpty());
    }

    @Test
    void aCompleteExportRecordsItsStartAndItsCompletion() {
        AuditContext.runAs(Actor.user("export-whole"), () -> {
            for (int i = 0; i < 3; i++) {
                log.record(AuditRecord.of(Category.SYSTEM, "bulk.small").target("Item", "s-" + i));
            }
        });
        HttpResponse<String> csv = Http.send(Http.as(Http.request(base, "audit/api/export.csv?actor=export-whole"),
                "alice", "alice-pw").header("X-Forwarded-For", "198.51.100.51").GET().build());
        assertEquals(200, csv.statusCode());
        AuditEvent started = events("audit.export", e -> "198.51.100.51".equals(e.clientAddress())).get(0);
        AuditEvent completed = events("audit.export.completed", e -> "198.51.100.51".equals(e.clientAddress())).get(0);
        assertTrue(started.id() < completed.id(), "the start is recorded first");
        assertEquals(started.requestId(), completed.requestId(), "one request links both");
        assertTrue(completed.details().contains("\"records\":3"), completed.details());
        assertEquals(Outcome.SUCCESS, completed.outcome());
    }
}
