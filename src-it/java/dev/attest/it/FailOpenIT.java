package dev.attest.it;

import dev.attest.AuditEvent;
import dev.attest.Outcome;
import dev.attest.it.app.PaymentService;
import jakarta.inject.Inject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.math.BigDecimal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** FAIL_OPEN: the work goes on when its event cannot be written; the event waits in the journal, loudly. */
@ExtendWith(ArquillianExtension.class)
class FailOpenIT {

    @Deployment
    static WebArchive deployment() {
        return Deployments.war("fail-open", Deployments.config("attest.failure-policy=FAIL_OPEN",
                "attest.journal.retry-interval=PT0.5S"));
    }

    @Inject
    PaymentService payments;

    @Inject
    Probe probe;

    @Test
    void unwritableEventLetsTheOperationCommitAndIsKeptInTheJournal() throws InterruptedException {
        ServerLog log = ServerLog.mark();
        long id = probe.invoice("P-1", "ACME").getId();
        probe.execute("alter table attest_event add constraint refuse_notes check (action <> 'payment.note')");
        try {
            payments.note(id, "reprice");

            assertEquals(0, new BigDecimal("10").compareTo(probe.find(id).getAmount()), "the business change committed");
            assertEquals(0, probe.events("payment.note", id).size());
            assertTrue(log.contains("Audit event could not be written in its transaction (FAIL_OPEN); it goes to the "
                    + "journal when the transaction ends: action=payment.note"), "the failure is reported in the server log");
        } finally {
            probe.execute("alter table attest_event drop constraint refuse_notes");
        }
        AuditEvent event = probe.await("payment.note", id);
        assertEquals(Outcome.SUCCESS, event.outcome(), "the committed work's event reached the store from the journal");
    }
}
