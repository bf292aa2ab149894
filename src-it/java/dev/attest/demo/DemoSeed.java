package dev.attest.demo;

import dev.attest.AuditActor;
import dev.attest.AuditContext;
import dev.attest.AuditLog;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.math.BigDecimal;

/**
 * Fills the empty demo database when the application starts, as the system actor {@code demo-seed}, so
 * the audit trail has something to show from the first request on.
 */
@Startup
@Singleton
@AuditActor("demo-seed")
public class DemoSeed {

    @Inject
    InvoiceService invoices;

    @Inject
    PatientService patients;

    @Inject
    AuditLog auditLog;

    /** Runs once the application has started; each step runs in a transaction of its own, as separate work would. */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public void seed(@Observes jakarta.enterprise.event.Startup started) {
        Invoice acme = invoices.create("INV-1001", "ACME Corp", new BigDecimal("1200.00"));
        invoices.create("INV-1002", "Globex", new BigDecimal("830.50"));
        invoices.create("INV-1003", "Initech", new BigDecimal("99.90"));
        AuditContext.withReason("signed off at the quarterly review", () -> invoices.approve(acme.getId(), "quarterly review", "4711"));

        Patient ada = patients.admit("Ada Lovelace", "Cardiology", "756.1234.5678.97");
        patients.admit("Alan Turing", "Neurology", "756.9876.5432.10");
        patients.transfer(ada.getId(), "Intensive Care");
        patients.view(ada.getId());

        auditLog.system("demo.seeded", "3 invoices and 2 patients created");

        // WildFly: its HTTP port and offset; Payara: its HTTP listener's port (the domain's portbase + 80), which
        // src-it/payara/prepare-domain.sh gives the server's config as the system property HTTP_LISTENER_PORT
        Integer payaraPort = Integer.getInteger("HTTP_LISTENER_PORT");
        int port = payaraPort != null ? payaraPort
                : Integer.getInteger("jboss.http.port", 8080) + Integer.getInteger("jboss.socket.binding.port-offset", 0);
        String url = "http://localhost:" + port + "/attest-demo/";
        LOG.info("Attest demo ready at " + url + " (audit page " + url + "audit/); users alice/alice-pw (user,"
                + " audit-viewer), bob/bob-pw and carol/carol-pw (user)");
    }

    private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(DemoSeed.class.getName());
}
