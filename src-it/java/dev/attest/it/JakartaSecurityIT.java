package dev.attest.it;

import dev.attest.Actor;
import dev.attest.AuditEvent;
import dev.attest.AuditTrail;
import dev.attest.Outcome;
import dev.attest.it.app.Invoice;
import dev.attest.it.jakartasecurity.ClinicIdentityStore;
import dev.attest.it.jakartasecurity.ClinicServlet;
import jakarta.inject.Inject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URL;
import java.net.http.HttpResponse;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Logins through Jakarta Security (an HttpAuthenticationMechanism and the application's own IdentityStore)
 * are recorded like the container's own: the caller is the actor, failures keep the attempted name, and the
 * password reaches no table and no log.
 */
@ExtendWith(ArquillianExtension.class)
class JakartaSecurityIT {

    @Deployment
    static WebArchive deployment() {
        return Deployments.warWithoutLoginConfig("jakarta-security", "", ClinicServlet.class, ClinicIdentityStore.class);
    }

    @ArquillianResource
    URL base;

    @Inject
    Probe probe;

    @Inject
    AuditTrail trail;

    @Test
    void loginThroughTheApplicationsIdentityStoreIsRecordedAndItsUserIsTheActor() {
        HttpResponse<String> response = Http.post(Http.as(Http.request(base, "clinic/invoices?number=JS-1"), "dora", "dora-pw"));

        assertEquals(200, response.statusCode(), response.body());
        long id = Long.parseLong(response.body().trim());
        assertEquals(Actor.user("dora"), probe.single("invoice.create", id).actor());
        assertEquals(Actor.user("dora"), trail.history(Invoice.class, id).get(0).actor());
        List<AuditEvent> logins = probe.events("authn.login.success").stream()
                .filter(e -> e.actor().id().equals("dora")).toList();
        assertEquals(1, logins.size(), logins.toString());
    }

    @Test
    void failedLoginKeepsTheAttemptedNameAndNeverThePassword() {
        ServerLog log = ServerLog.mark();

        HttpResponse<String> response = Http.post(Http.as(Http.request(base, "clinic/invoices?number=JS-2"),
                "mallory", "canary-pw-5521"));

        assertEquals(401, response.statusCode());
        AuditEvent failure = probe.single("authn.login.failure", "mallory");
        assertEquals(Outcome.FAILURE, failure.outcome());
        assertFalse(probe.dump("attest_event", "attest_revision").contains("canary-pw-5521"));
        assertFalse(log.contains("canary-pw-5521"));
        assertTrue(probe.events("invoice.create").stream().noneMatch(e -> e.details().contains("JS-2")));
    }
}
