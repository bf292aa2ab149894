package dev.attest.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.attest.Actor;
import dev.attest.AuditContext;
import dev.attest.AuditEvent;
import dev.attest.AuditLog;
import dev.attest.AuditRecord;
import dev.attest.Category;
import dev.attest.Outcome;
import dev.attest.it.app.DocumentService;
import dev.attest.it.app.Invoice;
import dev.attest.it.app.InvoiceService;
import jakarta.inject.Inject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.math.BigDecimal;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The read-only JSON API under /audit/api/: access rules, filters, cursor, history, actions, summary, exports. */
@ExtendWith(ArquillianExtension.class)
class ApiIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Deployment
    static WebArchive deployment() {
        return Deployments.war("api");
    }

    @ArquillianResource
    URL base;

    @Inject
    DocumentService documents;

    @Inject
    InvoiceService invoices;

    @Inject
    AuditLog log;

    @Inject
    Probe probe;

    @Inject
    dev.attest.AuditTrail trail;

    private HttpResponse<String> get(String path, String user, String password) {
        HttpRequest.Builder request = Http.request(base, path);
        if (user != null) {
            Http.as(request, user, password);
        }
        return Http.send(request.GET().build());
    }

    private JsonNode alice(String path) throws Exception {
        HttpResponse<String> response = get(path, "alice", "alice-pw");
        assertEquals(200, response.statusCode(), path + ": " + response.body());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        return JSON.readTree(response.body());
    }

    private static String q(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @Test
    void noLoginGets401WithTheApplicationsChallenge() {
        HttpResponse<String> response = get("audit/api/events", null, null);
        assertEquals(401, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Basic"),
                response.headers().map().toString());
        assertEquals(401, get("audit/api/events", "alice", "wrong").statusCode(), "a wrong password is no login");
    }

    @Test
    void loginWithoutTheViewerRoleGets403AndIsRecordedAsDenied() throws Exception {
        HttpResponse<String> response = get("audit/api/events?actor=alice", "bob", "bob-pw");
        assertEquals(403, response.statusCode(), response.body());
        assertTrue(JSON.readTree(response.body()).get("error").asText().contains("audit-viewer"));

        List<AuditEvent> denied = probe.events("authz.denied");
        assertTrue(denied.stream().anyMatch(e -> e.actor().equals(Actor.user("bob")) && e.outcome() == Outcome.DENIED
                && e.category() == Category.SECURITY && e.details().contains("/audit/api/events")), denied.toString());
        assertEquals(403, get("audit/", "bob", "bob-pw").statusCode(), "the page has the same gate");
    }

    @Test
    void otherMethodsGet405AndChangeNothing() {
        // alice's BASIC login itself may be recorded (AUTHENTICATION); nothing else may be
        long before = probe.count("AttestEvent", "x.category <> ?1", Category.AUTHENTICATION);
        for (String method : List.of("POST", "PUT", "DELETE", "PATCH")) {
            HttpResponse<String> response = Http.send(Http.as(Http.request(base, "audit/api/events/1"), "alice", "alice-pw")
                    .method(method, HttpRequest.BodyPublishers.noBody()).build());
            assertEquals(405, response.statusCode(), method + ": " + response.body());
            assertEquals("GET, HEAD", response.headers().firstValue("Allow").orElse(null));
        }
        assertEquals(before, probe.count("AttestEvent", "x.category <> ?1", Category.AUTHENTICATION),
                "nothing was recorded or removed");
    }

    @Test
    void eventsAreFilteredNewestFirstAndTheCursorContinues() throws Exception {
        AuditContext.runAs(Actor.user("api-quinn"), () -> {
            for (int i = 0; i < 5; i++) {
                documents.tag("aq-" + i, List.of(i == 3 ? "needle" : "hay"));
            }
            documents.inspect("aq-x");
            log.record(AuditRecord.of(Category.SECURITY, "security.alarm").outcome(Outcome.FAILURE));
        });

        JsonNode first = alice("audit/api/events?actor=api-quinn&action=document.*&limit=4");
        assertEquals("document.inspect", first.get("events").get(0).get("action").asText());
        assertEquals(List.of("aq-4", "aq-3", "aq-2"), targets(first).subList(1, 4));
        assertEquals(first.get("events").get(3).get("id").asText(), first.get("next").asText());
        JsonNode second = alice("audit/api/events?actor=api-quinn&action=document.*&limit=4&before=" + first.get("next").asText());
        assertEquals(List.of("aq-1", "aq-0"), targets(second));
        assertTrue(second.get("next").isNull());

        assertEquals(List.of("aq-3"), targets(alice("audit/api/events?actor=api-quinn&text=NEEDLE")));
        assertEquals(5, alice("audit/api/events?actor=api-quinn&action=document.tag").get("events").size());
        JsonNode security = alice("audit/api/events?actor=api-quinn&category=security&outcome=FAILURE");
        assertEquals("security.alarm", security.get("events").get(0).get("action").asText());
        assertEquals(1, security.get("events").size());
        assertEquals(1, alice("audit/api/events?actor=api-quinn&targetType=Document&targetId=aq-2").get("events").size());
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        String tomorrow = LocalDate.now(ZoneOffset.UTC).plusDays(1).toString();
        assertEquals(7, alice("audit/api/events?actor=api-quinn&from=" + today + "&to=" + tomorrow).get("events").size());
        assertEquals(0, alice("audit/api/events?actor=api-quinn&to=" + today).get("events").size());

        JsonNode event = first.get("events").get(0);
        assertTrue(event.get("occurredAt").asText().endsWith("Z"), "ISO-8601 instant: " + event);
        assertEquals("USER", event.get("actorType").asText());
        JsonNode one = alice("audit/api/events/" + event.get("id").asText());
        assertEquals(event, one);
    }

    @Test
    void everyReadIsRecordedWithItsFilters() throws Exception {
        alice("audit/api/events?actor=nobody-" + "r1" + "&action=" + q("invoice.*"));

        AuditEvent read = trail.events(new dev.attest.EventQuery().actor("alice").action("audit.read")
                .text("nobody-r1")).get(0);
        assertEquals(Category.ACCESS, read.category());
        assertEquals(Outcome.SUCCESS, read.outcome());
        JsonNode details = JSON.readTree(read.details());
        assertEquals("events", details.get("endpoint").asText());
        assertEquals("nobody-r1", details.get("filters").get("actor").asText());
        assertEquals("invoice.*", details.get("filters").get("action").asText());
        assertTrue(read.httpPath().endsWith("/audit/api/events"));
    }

    @Test
    void badParametersGet400WithAClearMessage() throws Exception {
        for (String path : List.of("events?limit=0", "events?limit=abc", "events?limit=5000", "events?before=-3",
                "events?from=yesterday", "events?category=NOPE", "events?outcome=maybe", "events?colour=red",
                "events?from=2026-02-01&to=2026-01-01", "events?limit=1&limit=2", "events/abc",
                "history/Invoice/not-a-number", "summary?from=2020-01-01&to=2026-01-01", "export.csv?limit=x",
                "events?actor=" + "x".repeat(300))) {
            HttpResponse<String> response = get("audit/api/" + path, "alice", "alice-pw");
            assertEquals(400, response.statusCode(), path + ": " + response.body());
            JsonNode body = JSON.readTree(response.body());
            assertEquals(400, body.get("status").asInt());
            assertTrue(body.get("error").asText().length() > 10, path + ": " + body);
        }
        for (String path : List.of("events/987654321", "history/NoSuchEntity/1", "nothing-here", "history/Invoice")) {
            HttpResponse<String> response = get("audit/api/" + path, "alice", "alice-pw");
            assertEquals(404, response.statusCode(), path + ": " + response.body());
            assertNotNull(JSON.readTree(response.body()).get("error"));
        }
    }

    @Test
    void entityHistoryAndTheChangesOfAnAction() throws Exception {
        Invoice invoice = AuditContext.runAs(Actor.user("api-hank"),
                () -> invoices.create(new Invoice("API-H-1", "Hank & Co", new BigDecimal("12.50"))));
        AuditContext.runAs(Actor.user("api-ivy"), () -> invoices.approve(invoice.getId(), "fine"));

        JsonNode history = alice("audit/api/history/Invoice/" + invoice.getId());
        assertEquals("Invoice", history.get("entity").asText());
        JsonNode revisions = history.get("revisions");
        assertEquals(2, revisions.size(), history.toString());
        assertEquals("MODIFY", revisions.get(0).get("change").asText(), "newest first");
        assertEquals("api-ivy", revisions.get(0).get("actorId").asText());
        assertEquals("ADD", revisions.get(1).get("change").asText());
        assertEquals("api-hank", revisions.get(1).get("actorId").asText());
        assertTrue(history.get("next").isNull(), "one page");
        JsonNode older = alice("audit/api/history/Invoice/" + invoice.getId() + "?limit=1&before="
                + revisions.get(0).get("revision").asLong());
        assertEquals(1, older.get("revisions").size(), "the page after the newest revision");
        assertEquals("ADD", older.get("revisions").get(0).get("change").asText());
        JsonNode status = revisions.get(0).get("changes").get(0);
        assertEquals("status", status.get("field").asText());
        assertEquals("DRAFT", status.get("before").asText());
        assertEquals("APPROVED", status.get("after").asText());

        AuditEvent approve = probe.single("invoice.approve", invoice.getId());
        JsonNode action = alice("audit/api/actions/" + approve.correlationId());
        assertEquals(1, action.get("events").size());
        assertEquals("invoice.approve", action.get("events").get(0).get("action").asText());
        assertEquals(1, action.get("revisions").size(), action.toString());
        JsonNode revision = action.get("revisions").get(0);
        assertEquals("Invoice", revision.get("entity").asText());
        assertEquals(invoice.getId().longValue(), revision.get("entityId").asLong());
        assertEquals("APPROVED", revision.get("changes").get(0).get("after").asText());
    }

    @Test
    void summaryCountsAPeriodAndEveryDay() throws Exception {
        AuditContext.runAs(Actor.user("api-sue"), () -> {
            documents.tag("su-1", List.of());
            log.export("Document", "CSV", 1, 10, java.util.Map.of());
        });
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        String from = LocalDate.now(ZoneOffset.UTC).minusDays(2).toString();
        String to = LocalDate.now(ZoneOffset.UTC).plusDays(1).toString();

        JsonNode summary = alice("audit/api/summary?actor=api-sue&from=" + from + "&to=" + to);
        assertEquals(2, summary.get("total").asInt(), summary.toString());
        assertEquals(1, summary.get("exports").asInt());
        assertEquals(3, summary.get("perDay").size());
        JsonNode last = summary.get("perDay").get(2);
        assertEquals(today, last.get("day").asText());
        assertEquals(1, last.get("byCategory").get("ACTION").asInt());
        assertEquals(1, last.get("byCategory").get("EXPORT").asInt());
        assertEquals(0, summary.get("perDay").get(0).get("total").asInt());
        assertTrue(alice("audit/api/summary").get("total").asLong() >= 2, "the last 30 days by default");
    }

    @Test
    void exportsStreamEveryPageAndNeutraliseFormulas() throws Exception {
        int count = 1_203;
        AuditContext.runAs(Actor.user("api-exporter"), () -> {
            for (int i = 0; i < count; i++) {
                log.record(AuditRecord.of(Category.SYSTEM, "bulk.item").target("Item", i == 7 ? "=HYPERLINK(\"x\")" : "i-" + i));
            }
        });

        HttpResponse<String> csv = get("audit/api/export.csv?actor=api-exporter&action=bulk.item", "alice", "alice-pw");
        assertEquals(200, csv.statusCode(), csv.body());
        assertTrue(csv.headers().firstValue("Content-Type").orElse("").startsWith("text/csv"));
        String[] lines = csv.body().split("\r\n");
        assertEquals(count + 1, lines.length, "header and one line per event");
        assertTrue(lines[0].startsWith("id,occurredAt,category,action"));
        assertTrue(csv.body().contains("\"'=HYPERLINK(\"\"x\"\")\""), "a formula is quoted as text");
        assertTrue(lines[1].contains("\"i-1202\""), "newest first");
        assertTrue(lines[count].contains("\"i-0\""));

        HttpResponse<String> jsonl = get("audit/api/export.jsonl?actor=api-exporter&limit=600", "alice", "alice-pw");
        assertEquals(200, jsonl.statusCode());
        List<String> objects = new ArrayList<>(List.of(jsonl.body().split("\n")));
        assertEquals(600, objects.size());
        assertEquals("bulk.item", JSON.readTree(objects.get(599)).get("action").asText());

        List<AuditEvent> exports = probe.events("audit.export");
        AuditEvent csvExport = exports.stream().filter(e -> e.details().contains("\"csv\"")
                && e.details().contains("api-exporter")).findFirst().orElseThrow(() -> new AssertionError(exports));
        assertEquals(Category.ACCESS, csvExport.category());
        assertEquals("alice", csvExport.actor().id());
        assertNull(JSON.readTree(csvExport.details()).get("filters").get("limit"));
        List<AuditEvent> completed = probe.events("audit.export.completed");
        AuditEvent csvCompleted = completed.stream().filter(e -> e.requestId().equals(csvExport.requestId())).findFirst()
                .orElseThrow(() -> new AssertionError(completed));
        assertEquals(count, JSON.readTree(csvCompleted.details()).get("records").asInt());
    }

    private static List<String> targets(JsonNode page) {
        List<String> targets = new ArrayList<>();
        page.get("events").forEach(e -> targets.add(e.get("targetId").asText()));
        return targets;
    }
}
