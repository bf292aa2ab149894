package dev.attest.it;

import dev.attest.AuditEvent;
import dev.attest.Category;
import dev.attest.Outcome;
import dev.attest.it.security.GeoEnricher;
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

/** More failed logins than allowed in the window: one SECURITY event per user name and address, then lockout. */
@ExtendWith(ArquillianExtension.class)
class BruteForceIT {

    @Deployment
    static WebArchive deployment() {
        return Deployments.war("brute-force", Deployments.config(
                "attest.security.login-failures.max=3",
                "attest.security.login-failures.window=PT2M",
                "attest.security.lockout=true"), SessionServlet.class, GeoEnricher.class);
    }

    @ArquillianResource
    URL base;

    @Inject
    Probe probe;

    private int login(String user, String password) {
        return Http.send(Http.as(Http.request(base, "secured/session"), user, password).GET().build()).statusCode();
    }

    @Test
    void failuresOverTheLimitRecordASecurityEventAndLockFurtherAttemptsOut() {
        for (int i = 1; i <= 3; i++) {
            assertEquals(401, login("carol", "guess-" + i));
        }
        assertTrue(probe.events("security.brute-force").isEmpty(), "three failures are within the limit");

        assertEquals(401, login("carol", "guess-4"));
        List<AuditEvent> alarms = probe.events("security.brute-force");
        assertEquals(2, alarms.size(), "one for the user name, one for the address: " + alarms);
        AuditEvent byName = alarms.stream().filter(e -> "User".equals(e.targetType())).findFirst().orElseThrow();
        assertEquals("carol", byName.targetId());
        assertEquals(Category.SECURITY, byName.category());
        assertEquals(Outcome.DENIED, byName.outcome());
        assertTrue(byName.details().contains("\"failures\":4"), byName.details());
        assertTrue(byName.details().contains("\"window\":\"PT2M\""), byName.details());
        assertTrue(alarms.stream().anyMatch(e -> "ClientAddress".equals(e.targetType())), alarms.toString());

        // the right password no longer helps, and nobody else logs in from this address either
        assertEquals(403, login("carol", "carol-pw"));
        assertEquals(403, login("alice", "alice-pw"));
        List<AuditEvent> blocked = probe.events("authn.login.blocked");
        assertEquals(2, blocked.size(), blocked.toString());
        assertEquals(Outcome.DENIED, blocked.get(0).outcome());
        assertEquals(Category.AUTHENTICATION, blocked.get(0).category());
        assertEquals("carol", blocked.get(0).targetId());
        assertTrue(blocked.get(0).details().contains("\"country\":\"ZZ\""), blocked.get(0).details());
        assertTrue(probe.events("authn.login.success").isEmpty(), "a refused attempt never reaches authentication");
        assertEquals(4, probe.events("authn.login.failure").size());
        assertEquals(2, probe.events("security.brute-force").size(), "one alarm per window, not one per attempt");

        // requests without credentials are no login attempts: still served
        assertEquals(200, Http.post(Http.request(base, "public/invoices?number=BF-1")).statusCode());
    }
}
