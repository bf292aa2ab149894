package dev.attest.it;

import dev.attest.AuditLog;
import dev.attest.AuditRecord;
import dev.attest.Category;
import dev.attest.it.app.Invoice;
import dev.attest.it.app.InvoiceService;
import jakarta.inject.Inject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.math.BigDecimal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** attest.skip-actions and attest.skip-entities turn off noise, but never authentication, security or Attest's own events. */
@ExtendWith(ArquillianExtension.class)
class SkipIT {

    @Deployment
    static WebArchive deployment() {
        return Deployments.war("skip", Deployments.config(
                "attest.skip-actions=invoice.create, cache.*, authn.*, authz.*, attest.*, security.*",
                "attest.skip-entities=Ledger*, Temp?"));
    }

    @Inject
    Probe probe;

    @Inject
    AuditLog log;

    @Inject
    InvoiceService invoices;

    @Inject
    dev.attest.AuditTrail trail;

    @Test
    void matchingActionsAndTargetsAreNotRecorded() {
        Invoice invoice = invoices.create(new Invoice("SK-1", "skip", BigDecimal.TEN));
        log.record(AuditRecord.of(Category.SYSTEM, "cache.flush"));
        log.record(AuditRecord.of(Category.ACTION, "ledger.post").target("LedgerEntry", 7));
        log.record(AuditRecord.of(Category.ACTION, "temp.write").target("Temp1", 1));
        log.record(AuditRecord.of(Category.ACTION, "temp.write").target("Temp12", 2));

        assertTrue(probe.events("invoice.create").isEmpty());
        assertTrue(probe.events("cache.flush").isEmpty());
        assertTrue(probe.events("ledger.post").isEmpty());
        assertEquals(1, probe.events("temp.write").size(), "? matches one character: Temp12 is kept");
        assertEquals(1, trail.history(Invoice.class, invoice.getId()).size(), "Envers history is not affected");
    }

    @Test
    void authenticationSecurityAndAttestEventsCannotBeTurnedOff() {
        log.loginFailed("mallory", "BASIC", "invalid credentials");
        log.record(AuditRecord.of(Category.SECURITY, "authz.denied").target("URL", "/x"));

        assertEquals(1, probe.events("authn.login.failure").size());
        assertEquals(1, probe.events("authz.denied").size());
        assertEquals(1, probe.events("attest.started").size());
    }
}
