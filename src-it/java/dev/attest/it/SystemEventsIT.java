package dev.attest.it;

import dev.attest.Actor;
import dev.attest.AuditContext;
import dev.attest.AuditEvent;
import dev.attest.AuditLog;
import dev.attest.AuditTrail;
import dev.attest.Category;
import dev.attest.Outcome;
import dev.attest.Severity;
import dev.attest.it.security.SessionServlet;
import dev.attest.it.system.FailingTimer;
import jakarta.inject.Inject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URL;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Uncaught errors, system events with a severity and their resolution, and Attest's own start. */
@ExtendWith(ArquillianExtension.class)
class SystemEventsIT {

    @Deployment
    static WebArchive deployment() {
        return Deployments.war("system-events", Deployments.config("attest.security.login-failures.max=7"),
                SessionServlet.class, FailingTimer.class);
    }

    @ArquillianResource
    URL base;

    @Inject
    Probe probe;

    @Inject
    AuditLog log;

    @Inject
    AuditTrail trail;

    @Inject
    FailingTimer timer;

    @Test
    void uncaughtErrorOfAWebRequestRecordsTypeMessageApplicationFrameStackAndRequest() {
        int status = Http.send(Http.as(Http.request(base, "secured/session?op=fail"), "alice", "alice-pw")
                .header("X-Request-ID", "err-1").GET().build()).statusCode();
        assertEquals(500, status);

        AuditEvent error = probe.events("system.error").stream().filter(e -> "err-1".equals(e.requestId()))
                .findFirst().orElseThrow();
        assertEquals(1, probe.events("system.error").stream().filter(e -> "err-1".equals(e.requestId())).count());
        assertEquals(Category.SYSTEM, error.category());
        assertEquals(Outcome.FAILURE, error.outcome());
        assertEquals(IllegalStateException.class.getName(), error.errorType());
        assertEquals("the work failed at alice", error.errorMessage());
        assertEquals("alice", error.actor().id());
        assertEquals("err-1", error.requestId());
        assertEquals("/system-events/secured/session", error.httpPath());
        String details = error.details();
        assertTrue(details.contains("\"class\":\"" + SessionServlet.class.getName() + "\""), details);
        assertTrue(details.contains("\"method\":\"doGet\""), details);
        assertTrue(details.matches("(?s).*\"line\":\\d+.*"), details);
        assertTrue(details.contains("\"stack\":[\"dev.attest.it.security.SessionServlet.doGet"), details);
        assertTrue(details.contains("\"where\":\"GET /system-events/secured/session\""), details);
    }

    @Test
    void uncaughtErrorOfATimerRecordsTheTimerAsWhereAndActor() throws InterruptedException {
        timer.arm("T-1");

        AuditEvent error = null;
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (error == null && System.nanoTime() < deadline) {
            error = probe.events("system.error").stream()
                    .filter(e -> "sweep failed: T-1".equals(e.errorMessage())).findFirst().orElse(null);
            Thread.sleep(100);
        }
        assertTrue(error != null, "no system.error of the timer within 30 s");
        assertEquals(IllegalStateException.class.getName(), error.errorType());
        assertEquals("SYSTEM", error.actor().type().name());
        assertEquals("FailingTimer#sweep", error.actor().id());
        assertTrue(error.details().contains("\"where\":\"FailingTimer#sweep\""), error.details());
        assertTrue(error.details().contains("\"class\":\"" + FailingTimer.class.getName() + "\""), error.details());
        assertTrue(error.details().contains("\"method\":\"sweep\""), error.details());
    }

    @Test
    void systemEventsCarryASeverityAndAreResolvedByAFollowUpEvent() {
        log.system(Severity.WARNING, "disk 91% full", "volume /data on db-1");
        log.system(Severity.INFO, "cache warmed", "812 entries");
        AuditEvent warning = probe.single("system.warning");
        AuditEvent info = probe.single("system.info");
        assertEquals(Category.SYSTEM, warning.category());
        assertTrue(warning.details().contains("\"severity\":\"WARNING\""), warning.details());
        assertTrue(warning.details().contains("\"title\":\"disk 91% full\""), warning.details());
        assertTrue(trail.resolution(warning.id()).isEmpty(), "not resolved yet");

        AuditContext.runAs(Actor.user("ops-7"), () -> log.resolve(warning.id(), "volume extended to 2 TB"));

        AuditEvent resolution = trail.resolution(warning.id()).orElseThrow();
        assertEquals("ops-7", resolution.actor().id());
        assertEquals("AuditEvent", resolution.targetType());
        assertEquals(String.valueOf(warning.id()), resolution.targetId());
        assertTrue(resolution.details().contains("volume extended to 2 TB"), resolution.details());
        assertTrue(trail.resolution(info.id()).isEmpty(), "only the resolved event shows as resolved");
        assertEquals(warning, trail.event(warning.id()).orElseThrow(), "the original event is unchanged");
        for (Severity severity : Severity.values()) {
            assertEquals("system." + severity.name().toLowerCase(), severity.action());
        }
    }

    @Test
    void attestRecordsItsStartWithTheEffectiveConfiguration() {
        AuditEvent started = probe.single("attest.started");
        assertEquals(Category.SYSTEM, started.category());
        assertEquals("SYSTEM", started.actor().type().name());
        assertEquals("attest", started.actor().id());
        assertTrue(started.details().contains("\"attest.security.login-failures.max\":7"), started.details());
        assertTrue(started.details().contains("\"attest.failure-policy\":\"FAIL_CLOSED\""), started.details());
        assertTrue(started.details().contains("\"attest.security.monitor\":false"), started.details());
    }
}
