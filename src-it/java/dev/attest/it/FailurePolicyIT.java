package dev.attest.it;

import dev.attest.AuditWriteException;
import dev.attest.it.app.PaymentService;
import jakarta.inject.Inject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * FAIL_CLOSED, the default: when the event cannot be written, the business operation fails and nothing
 * of it commits. The store is made to refuse the event with a real database constraint.
 */
@ExtendWith(ArquillianExtension.class)
class FailurePolicyIT extends StoreOutage {

    @Deployment
    static WebArchive deployment() {
        return Deployments.war("fail-closed", (String) null, StoreOutage.class);
    }

    @Inject
    PaymentService payments;

    @Test
    void unwritableEventFailsTheOperationAndCommitsNothing() {
        ServerLog log = ServerLog.mark();
        long id = probe.invoice("F-1", "ACME").getId();

        RuntimeException thrown = assertThrows(RuntimeException.class, () -> payments.note(id, "reprice"));

        assertTrue(causes(thrown, AuditWriteException.class), "AuditWriteException in " + thrown);
        assertEquals(0, probe.count("Invoice", "x.id = ?1 and x.amount = 10", id), "the business change rolled back");
        assertEquals(0, probe.events("payment.note", id).size());
        assertTrue(log.contains("Audit event could not be written; the operation fails (FAIL_CLOSED)"
                + ": action=payment.note"), "the loss is reported in the server log");
    }

    static boolean causes(Throwable thrown, Class<? extends Throwable> type) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
