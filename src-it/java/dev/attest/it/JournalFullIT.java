package dev.attest.it;

import dev.attest.AuditEvent;
import dev.attest.Category;
import dev.attest.Outcome;
import dev.attest.it.outcome.PlainWork;
import jakarta.inject.Inject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The journal is bounded: when the store refuses events for longer than the journal can hold, the calls still
 * succeed (FAIL_OPEN), the events that fit arrive once the store is back, and the loss is a SECURITY event that
 * says how many were lost.
 */
@ExtendWith(ArquillianExtension.class)
class JournalFullIT {

    private static final int CALLS = 400;

    @Deployment
    static WebArchive deployment() {
        return Deployments.war("journal-full", Deployments.config("attest.failure-policy=FAIL_OPEN",
                "attest.journal.retry-interval=PT0.5S", "attest.journal.max-size=64KB"), Outage.class, PlainWork.class);
    }

    @Inject
    Probe probe;

    @Inject
    PlainWork plain;

    @Test
    void aFullJournalLosesEventsLoudlyAndSaysHowManyOnceTheStoreIsBack() throws Exception {
        Outage.begin(probe, "full-");
        try {
            for (int i = 0; i < CALLS; i++) {
                plain.send("full-" + i);
                assertTrue(plain.sent("full-" + i), "the call succeeded although its event could not be kept");
            }
        } finally {
            Outage.end(probe);
        }

        AuditEvent report = awaitLossReport();
        assertEquals(Category.SECURITY, report.category());
        assertEquals(Outcome.FAILURE, report.outcome());
        Matcher lost = Pattern.compile("\"lost\":(\\d+)").matcher(report.details());
        assertTrue(lost.find(), report.details());
        int lostCount = Integer.parseInt(lost.group(1));

        List<AuditEvent> kept = Outage.await(probe, "outage.plain", "full-", CALLS - lostCount);
        assertTrue(lostCount > 0, "a 64KB journal cannot hold " + CALLS + " events");
        assertFalse(kept.isEmpty(), "the events that fit in the journal arrived");
        assertEquals(CALLS, kept.size() + lostCount, "every call is either in the store or counted as lost: " + kept);
        for (int i = 0; i < kept.size(); i++) {
            assertEquals("full-" + i, kept.get(i).targetId(), "the oldest events are kept, in order");
        }
    }

    private AuditEvent awaitLossReport() throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < deadline) {
            List<AuditEvent> reports = probe.events("audit.journal.full").stream()
                    .filter(e -> e.details().contains("\"lost\":")).toList();
            if (!reports.isEmpty()) {
                return reports.get(reports.size() - 1);
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no audit.journal.full event with the number lost: " + probe.events("audit.journal.full"));
    }
}
