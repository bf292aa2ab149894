package dev.attest.it;

import dev.attest.Actor;
import dev.attest.ActorType;
import dev.attest.AuditContext;
import dev.attest.AuditEvent;
import dev.attest.AuditTrail;
import dev.attest.EntityRevision;
import dev.attest.it.app.Invoice;
import dev.attest.it.app.InvoiceService;
import dev.attest.it.app.NightlyJob;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.math.BigDecimal;
import java.net.URL;
import java.net.http.HttpResponse;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The actor is never guessed: explicit, else the authenticated caller, else anonymous. */
@ExtendWith(ArquillianExtension.class)
class ActorIT {

    @Deployment
    static WebArchive deployment() {
        return Deployments.war("actor");
    }

    @ArquillianResource
    URL base;

    @EJB
    InvoiceService invoices;

    @Inject
    NightlyJob nightly;

    @Inject
    AuditTrail trail;

    @Inject
    Probe probe;

    @Test
    void authenticatedCallerIsTheActorOfEventAndRevision() {
        HttpResponse<String> response = Http.post(Http.as(Http.request(base, "secured/invoices?number=U-1"), "alice", "alice-pw"));

        assertEquals(200, response.statusCode(), response.body());
        long id = Long.parseLong(response.body().trim());
        assertEquals(Actor.user("alice"), probe.single("invoice.create", id).actor());
        assertEquals(Actor.user("alice"), trail.history(Invoice.class, id).get(0).actor());
    }

    @Test
    void requestWithoutLoginIsRecordedAsAnonymous() {
        HttpResponse<String> response = Http.post(Http.request(base, "public/invoices?number=U-2"));

        long id = Long.parseLong(response.body().trim());
        assertEquals(ActorType.ANONYMOUS, probe.single("invoice.create", id).actor().type());
        assertEquals(ActorType.ANONYMOUS, trail.history(Invoice.class, id).get(0).actor().type());
    }

    @Test
    void wrongPasswordIsRefusedBeforeAnyActionRuns() {
        int before = probe.events("invoice.create").size();

        HttpResponse<String> response = Http.post(Http.as(Http.request(base, "secured/invoices?number=U-3"), "alice", "guess"));

        assertEquals(401, response.statusCode());
        assertEquals(before, probe.events("invoice.create").size());
    }

    @Test
    void runAsRecordsTheExplicitActorAndNestingRestoresTheOuterOne() {
        Invoice[] created = new Invoice[3];
        AuditContext.runAs(Actor.system("batch-loader"), () -> {
            created[0] = invoices.create(new Invoice("U-4", "ACME", BigDecimal.ONE));
            AuditContext.runAs(Actor.user("support-7"),
                    () -> created[1] = invoices.create(new Invoice("U-5", "ACME", BigDecimal.ONE)));
            created[2] = invoices.create(new Invoice("U-6", "ACME", BigDecimal.ONE));
        });

        assertEquals(Actor.system("batch-loader"), probe.single("invoice.create", created[0].getId()).actor());
        assertEquals(Actor.user("support-7"), probe.single("invoice.create", created[1].getId()).actor());
        assertEquals(Actor.system("batch-loader"), probe.single("invoice.create", created[2].getId()).actor());
        assertEquals(Actor.user("support-7"), trail.history(Invoice.class, created[1].getId()).get(0).actor());
        assertEquals(ActorType.ANONYMOUS, AuditContext.currentActor().type(), "nothing left on the thread");
    }

    @Test
    void runAsBodyThatThrowsStillRestoresTheOuterActor() {
        assertThrows(IllegalStateException.class, () -> AuditContext.runAs(Actor.system("doomed"), () -> {
            throw new IllegalStateException("boom");
        }));

        assertEquals(ActorType.ANONYMOUS, AuditContext.currentActor().type());
    }

    @Test
    void auditActorRunsTheWorkAsTheNamedSystemActor() {
        Invoice invoice = nightly.importInvoice("U-7");

        AuditEvent event = probe.single("invoice.import", invoice.getId());
        assertEquals(Actor.system("nightly-import"), event.actor());
        List<EntityRevision> history = trail.history(Invoice.class, invoice.getId());
        assertEquals(Actor.system("nightly-import"), history.get(0).actor());
        assertEquals(event.correlationId(), history.get(0).correlationId());
    }

    @Test
    void reasonGivenWithTheContextReachesEventAndRevision() {
        Invoice invoice = AuditContext.withReason("ticket SUP-12",
                () -> invoices.create(new Invoice("U-8", "ACME", BigDecimal.ONE)));

        assertEquals("ticket SUP-12", probe.single("invoice.create", invoice.getId()).reason());
        assertEquals("ticket SUP-12", trail.history(Invoice.class, invoice.getId()).get(0).reason());
    }
}
