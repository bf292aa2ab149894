package dev.attest.it;

import dev.attest.ActorType;
import dev.attest.AuditEvent;
import dev.attest.Category;
import dev.attest.Outcome;
import dev.attest.Redacted;
import dev.attest.it.app.Card;
import dev.attest.it.app.Invoice;
import dev.attest.it.app.InvoiceService;
import dev.attest.it.app.PaymentService;
import dev.attest.it.app.ReportService;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.math.BigDecimal;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What one {@code @AuditAction} invocation records, on session beans and on CDI beans. */
@ExtendWith(ArquillianExtension.class)
class ActionEventIT {

    @Deployment
    static WebArchive deployment() {
        return Deployments.war("action-event");
    }

    @EJB
    InvoiceService invoices;

    @Inject
    PaymentService payments;

    @Inject
    ReportService reports;

    @Inject
    Probe probe;

    @Test
    void sessionBeanActionIsRecordedWithItsNewEntityAsTarget() {
        Invoice invoice = invoices.create(new Invoice("A-1", "ACME", new BigDecimal("10.50")));

        AuditEvent event = probe.single("invoice.create", invoice.getId());
        assertEquals(Category.ACTION, event.category());
        assertEquals(Outcome.SUCCESS, event.outcome());
        assertEquals("Invoice", event.targetType());
        assertEquals(String.valueOf(invoice.getId()), event.targetId(), "the id generated inside the action");
        assertEquals(ActorType.ANONYMOUS, event.actor().type());
        UUID correlation = UUID.fromString(event.correlationId());
        assertEquals(7, correlation.version(), "a time-ordered correlation id: " + correlation);
        assertEquals(event.occurredAt().toEpochMilli(), correlation.getMostSignificantBits() >>> 16,
                "the correlation id leads with the action's start");
        assertNotNull(event.durationMillis());
        assertTrue(event.details().contains("\"entity\":\"Invoice\""), event.details());
        assertNull(event.errorType());
    }

    @Test
    void cdiBeanActionMasksRedactedParametersFieldsAndSensitiveNames() {
        Invoice invoice = probe.invoice("A-2", "ACME");
        ServerLog log = ServerLog.mark();

        payments.register(invoice.getId(), new Card("Jane Roe", "4111111111111111", "12/29"), "737", "hunter2",
                Map.of("apiToken", "tok-123", "channel", "web"));

        AuditEvent event = probe.single("payment.register", invoice.getId());
        assertEquals(String.valueOf(invoice.getId()), event.targetId());
        assertEquals("Invoice", event.targetType());
        String details = event.details();
        assertTrue(details.startsWith("{\"arguments\":{\"invoiceId\":" + invoice.getId() + ",\"card\":{"),
                "the arguments by parameter name, under \"arguments\", as the README shows: " + details);
        assertTrue(details.contains("Jane Roe"), details);
        assertTrue(details.contains("\"channel\":\"web\""), details);
        for (String secret : new String[] {"4111111111111111", "737", "hunter2", "tok-123"}) {
            assertFalse(details.contains(secret), "secret stored: " + secret + " in " + details);
            assertFalse(log.contains(secret), "secret logged: " + secret);
        }
        assertTrue(details.contains("\"cvv\":\"" + Redacted.MASK + "\""), details);
        assertTrue(details.contains("\"password\":\"" + Redacted.MASK + "\""), details);
        assertTrue(details.contains("\"number\":\"" + Redacted.MASK + "\""), details);
        assertTrue(details.contains("\"apiToken\":\"" + Redacted.MASK + "\""), details);
        assertEquals("PAID", probe.find(invoice.getId()).getStatus());
    }

    @Test
    void classLevelBindingNamesTheActionAfterBeanAndMethod() {
        reports.summarise("2026-Q3");

        AuditEvent event = probe.single("ReportService.summarise");
        assertEquals(Category.ACCESS, event.category());
        assertTrue(event.details().contains("2026-Q3"), event.details());
    }

    @Test
    void reasonOfTheAnnotationIsRecorded() {
        Invoice invoice = probe.invoice("A-3", "ACME");

        payments.note(invoice.getId(), "called twice");

        assertEquals("customer request", probe.single("payment.note", invoice.getId()).reason());
    }
}
