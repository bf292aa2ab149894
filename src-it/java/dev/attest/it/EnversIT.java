package dev.attest.it;

import dev.attest.Actor;
import dev.attest.AuditContext;
import dev.attest.AuditEvent;
import dev.attest.AuditTrail;
import dev.attest.EntityChange;
import dev.attest.EntityRevision;
import dev.attest.EntityRevision.FieldChange;
import dev.attest.it.app.Invoice;
import dev.attest.it.app.InvoiceService;
import dev.attest.it.app.Patient;
import dev.attest.it.app.PatientService;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.math.BigDecimal;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Entity histories from Envers, with Attest's revision data and field diffs. */
@ExtendWith(ArquillianExtension.class)
class EnversIT {

    @Deployment
    static WebArchive deployment() {
        return Deployments.war("envers");
    }

    @EJB
    InvoiceService invoices;

    @Inject
    PatientService patients;

    @Inject
    AuditTrail trail;

    @Inject
    Probe probe;

    @Test
    void historyListsRevisionsOldestFirstWithActorsAndFieldChanges() {
        Invoice invoice = AuditContext.runAs(Actor.user("alice"),
                () -> invoices.create(new Invoice("E-1", "ACME", new BigDecimal("99.00"))));
        AuditContext.runAs(Actor.user("bob"), () -> invoices.approve(invoice.getId(), "ok"));

        List<EntityRevision> history = trail.history(Invoice.class, invoice.getId());

        assertEquals(2, history.size());
        EntityRevision added = history.get(0);
        assertEquals(EntityRevision.Change.ADD, added.change());
        assertEquals(Actor.user("alice"), added.actor());
        assertTrue(added.changes().contains(new FieldChange("number", null, "E-1")), added.changes().toString());
        assertTrue(added.changes().contains(new FieldChange("status", null, "DRAFT")), added.changes().toString());
        EntityRevision approved = history.get(1);
        assertEquals(EntityRevision.Change.MODIFY, approved.change());
        assertEquals(Actor.user("bob"), approved.actor());
        assertEquals(List.of(new FieldChange("status", "DRAFT", "APPROVED")), approved.changes());
        assertTrue(added.revision() < approved.revision());
    }

    @Test
    void revisionJoinsTheEventOfTheActionThatCausedIt() {
        Invoice invoice = probe.invoice("E-2", "ACME");

        invoices.approve(invoice.getId(), "ok");

        AuditEvent event = probe.single("invoice.approve", invoice.getId());
        EntityRevision revision = trail.history(Invoice.class, invoice.getId()).get(1);
        assertEquals(event.correlationId(), revision.correlationId());
        assertEquals(event.requestId(), revision.requestId());
    }

    @Test
    void theChangesOfAnActionAndTheActionBehindARevisionLeadToEachOther() {
        Invoice first = probe.invoice("E-3", "ACME");
        Patient patient = patients.admit(new Patient("Edsger", "ward-5", "NID-2"));

        invoices.approve(first.getId(), "ok");
        AuditEvent approval = probe.single("invoice.approve", first.getId());

        List<EntityChange> changes = trail.changesOf(approval.correlationId());
        assertEquals(1, changes.size(), changes.toString());
        assertEquals("Invoice", changes.get(0).entity());
        assertEquals(first.getId(), changes.get(0).id());
        assertEquals(List.of(new FieldChange("status", "DRAFT", "APPROVED")), changes.get(0).revision().changes());
        assertEquals(List.of(approval), trail.actionBehind(changes.get(0).revision()));
        EntityRevision admitted = trail.history(Patient.class, patient.getId()).get(0);
        assertEquals("patient.admit", trail.actionBehind(admitted).get(0).action());
    }

    @Test
    void redactedEntityFieldReachesNoAuditTableAndNoDiff() {
        String canary = "NID-CANARY-7731";
        Patient patient = patients.admit(new Patient("Ada", "ward-1", canary));
        patients.move(patient.getId(), "ward-2", canary + "-B");

        String stored = probe.dump("attest_event", "attest_revision", "Patient_AUD");
        assertFalse(stored.contains(canary), "a redacted value reached an audit table");
        List<EntityRevision> history = trail.history(Patient.class, patient.getId());
        assertEquals(List.of(new FieldChange("ward", "ward-1", "ward-2")), history.get(1).changes());
        assertTrue(history.stream().flatMap(r -> r.changes().stream()).noneMatch(c -> c.field().equals("nationalId")));
    }

    @Test
    void historyOfAClassEnversDoesNotAuditIsRefused() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> trail.history(String.class, 1));
        assertTrue(refused.getMessage().contains("not an @Audited entity"));
    }
}
