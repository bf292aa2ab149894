package dev.attest.it;

import dev.attest.AuditEvent;
import dev.attest.it.security.SessionServlet;
import jakarta.inject.Inject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URL;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Logins never wait for the store: under the default FAIL_CLOSED policy for actions, authentication events
 * follow {@code attest.authentication.failure-policy} (default FAIL_OPEN: the durable journal).
 */
@ExtendWith(ArquillianExtension.class)
class AuthenticationJournalIT {

    @Deployment
    static WebArchive deployment() {
        return Deployments.war("authentication-journal", "attest.journal.retry-interval=PT0.5S", SessionServlet.class);
    }

    @ArquillianResource
    URL base;

    @Inject
    Probe probe;

    @Test
    void loginSucceedsWithTheStoreDownAndItsEventArrivesLater() throws Exception {
        probe.execute("alter table attest_event add constraint refuse_logins check (category <> 'AUTHENTICATION')");
        try {
            var response = Http.send(Http.as(Http.request(base, "secured/session?op=create"), "alice", "alice-pw").GET().build());
            assertEquals(200, response.statusCode(), "the login succeeded: " + response.body());
            assertEquals("alice", response.body());
            Thread.sleep(1_000);
            assertEquals(0, probe.count("AttestEvent", "x.action = ?1", "authn.login.success"), "the store refused it");
        } finally {
            probe.execute("alter table attest_event drop constraint refuse_logins");
        }
        AuditEvent login = probe.await("authn.login.success", null);
        assertEquals("alice", login.actor().id());
        List<AuditEvent> logins = probe.events("authn.login.success");
        assertEquals(1, logins.size(), logins.toString());
        assertTrue(login.httpPath().endsWith("/secured/session"), login.httpPath());
    }
}
