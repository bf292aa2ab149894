package dev.attest.it;

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

/** FAIL_OPEN: the work goes on when its event cannot be written, and the loss is reported loudly. */
@ExtendWith(ArquillianExtension.class)
class FailOpenIT extends StoreOutage {

    @Deployment
    static WebArchive deployment() {
        return Deployments.war("fail-open", "attest.failure-policy=FAIL_OPEN", StoreOutage.class);
    }

    @Inject
    PaymentService payments;

    @Test
    void unwritableEventLetsTheOperationCommitAndIsLoggedAsLost() {
        ServerLog log = ServerLog.mark();
        long id = probe.invoice("P-1", "ACME").getId();

        payments.note(id, "reprice");

        assertEquals(0, new BigDecimal("10").compareTo(probe.find(id).getAmount()), "the business change committed");
        assertEquals(0, probe.events("payment.note", id).size());
        assertTrue(log.contains("AUDIT EVENT LOST: could not be written, the operation goes on: action=payment.note"),
                "the loss is reported in the server log");
    }
}
