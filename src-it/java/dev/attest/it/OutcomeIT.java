package dev.attest.it;

import dev.attest.AuditEvent;
import dev.attest.Outcome;
import dev.attest.it.app.Invoice;
import dev.attest.it.app.InvoiceService;
import jakarta.ejb.EJB;
import jakarta.ejb.EJBException;
import jakarta.inject.Inject;
import jakarta.transaction.UserTransaction;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.math.BigDecimal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An event says SUCCESS only if the work committed; every failed attempt is still recorded. */
@ExtendWith(ArquillianExtension.class)
class OutcomeIT {

    @Deployment
    static WebArchive deployment() {
        return Deployments.war("outcome");
    }

    @EJB
    InvoiceService invoices;

    @Inject
    Probe probe;

    @Inject
    UserTransaction transaction;

    @Test
    void successEventCommitsTogetherWithTheBusinessChange() {
        Invoice invoice = invoices.create(new Invoice("O-1", "ACME", BigDecimal.ONE));

        AuditEvent event = probe.single("invoice.create", invoice.getId());
        assertEquals(Outcome.SUCCESS, event.outcome());
        assertEquals(1, probe.count("Invoice", "x.number = ?1", "O-1"));
        assertEquals(1, probe.count("AttestRevision", "x.correlationId = ?1", event.correlationId()),
                "the revision of the change carries the action's correlation id");
    }

    @Test
    void failedActionIsRecordedEvenThoughTransactionRollsBack() {
        Invoice invoice = probe.invoice("O-2", "ACME");

        EJBException thrown = assertThrows(EJBException.class, () -> invoices.approveOverLimit(invoice.getId()));

        assertTrue(thrown.getCause() instanceof IllegalStateException);
        assertEquals("DRAFT", probe.find(invoice.getId()).getStatus(), "the business change rolled back");
        AuditEvent event = probe.single("invoice.approve-over-limit", invoice.getId());
        assertEquals(Outcome.FAILURE, event.outcome());
        assertEquals(IllegalStateException.class.getName(), event.errorType());
        assertEquals("approval limit exceeded for O-2", event.errorMessage());
        assertEquals(String.valueOf(invoice.getId()), event.targetId());
        assertEquals(0, probe.count("AttestRevision", "x.correlationId = ?1", event.correlationId()),
                "no revision of the rolled-back change");
    }

    @Test
    void actionReturningNormallyInATransactionMarkedForRollbackIsFailure() {
        Invoice invoice = probe.invoice("O-3", "ACME");

        invoices.approveThenVeto(invoice.getId());

        assertEquals("DRAFT", probe.find(invoice.getId()).getStatus());
        AuditEvent event = probe.single("invoice.approve-then-veto", invoice.getId());
        assertEquals(Outcome.FAILURE, event.outcome());
        assertEquals("TransactionRolledBack", event.errorType());
    }

    @Test
    void actionWhoseCommitFailsAfterItReturnedIsFailureNotSuccess() throws InterruptedException {
        probe.invoice("O-4", "ACME");

        assertThrows(EJBException.class, () -> invoices.createFailingAtCommit("O-4"));

        AuditEvent event = probe.await("invoice.create-late-failure", null);
        assertEquals(1, probe.events("invoice.create-late-failure").size());
        assertEquals(Outcome.FAILURE, event.outcome(), "the unique number only failed when the transaction committed");
        assertEquals("TransactionRolledBack", event.errorType());
        assertEquals(1, probe.count("Invoice", "x.number = ?1", "O-4"));
    }

    @Test
    void successInsideACallerTransactionThatRollsBackBecomesFailure() throws Exception {
        transaction.begin();
        Invoice invoice = invoices.create(new Invoice("O-5", "ACME", BigDecimal.ONE));
        transaction.rollback();

        assertEquals(0, probe.count("Invoice", "x.number = ?1", "O-5"));
        AuditEvent event = probe.await("invoice.create", invoice.getId());
        assertEquals(1, probe.events("invoice.create", invoice.getId()).size(), "replaced, not doubled");
        assertEquals(Outcome.FAILURE, event.outcome(), "the rolled-back SUCCESS row is replaced by a FAILURE");
        assertEquals("TransactionRolledBack", event.errorType());
    }
}
