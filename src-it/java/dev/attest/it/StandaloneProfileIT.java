package dev.attest.it;

import dev.attest.Actor;
import dev.attest.AuditEvent;
import dev.attest.AuditTrail;
import dev.attest.EntityRevision;
import dev.attest.it.app.Invoice;
import dev.attest.it.app.InvoiceService;
import dev.attest.it.standalone.ProfileImport;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Attest on WildFly's default profile, {@code standalone.xml}: CDI, EJB and JPA but no Jakarta Messaging. The build
 * runs this class in a second server started with that profile (and in the main suite as well).
 */
@ExtendWith(ArquillianExtension.class)
class StandaloneProfileIT {

    @Deployment
    static WebArchive deployment() {
        return Deployments.war("standalone-profile", ProfileImport.class);
    }

    @Inject
    ProfileImport profileImport;

    @EJB
    InvoiceService invoices;

    @Inject
    AuditTrail trail;

    @Inject
    Probe probe;

    @Test
    void oneParameterMethodOfAnAuditActorBeanRunsAsItsSystemActor() {
        Invoice invoice = profileImport.run("profile-customer");

        List<EntityRevision> history = trail.history(Invoice.class, invoice.getId());
        assertEquals(Actor.system("profile-import"), history.get(0).actor());
    }

    @Test
    void auditedActionRecordsItsEventAndRevision() {
        Invoice invoice = probe.invoice("S-1", "profile");

        invoices.approve(invoice.getId(), "ok");

        AuditEvent event = probe.single("invoice.approve", invoice.getId());
        EntityRevision approved = trail.history(Invoice.class, invoice.getId()).get(1);
        assertEquals(event.correlationId(), approved.correlationId());
        assertFalse(trail.actionBehind(approved).isEmpty());
    }
}
