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
import java.net.http.HttpResponse;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Failed logins are counted per user name and client address, and per address: an attacker locks out the
 * pair he attacks and, past the much higher per-address limit, himself; never the user at another address.
 * The tests reach the server through 127.0.0.1, a trusted proxy here, and name the client in X-Forwarded-For.
 */
@ExtendWith(ArquillianExtension.class)
class BruteForceIT {

    @Deployment
    static WebArchive deployment() {
        return Deployments.war("brute-force", Deployments.config(
                "attest.trusted-proxies=127.0.0.1, ::1",
                "attest.security.login-failures.max=3",
                "attest.security.login-failures.max-per-address=6",
                "attest.security.login-failures.delay=PT0S",
                "attest.security.login-failures.window=PT2M",
                "attest.security.lockout=true"), SessionServlet.class, GeoEnricher.class);
    }

    @ArquillianResource
    URL base;

    @Inject
    Probe probe;

    private HttpResponse<String> login(String user, String password, String from) {
        return Http.send(Http.as(Http.request(base, "secured/session"), user, password)
                .header("X-Forwarded-For", from).GET().build());
    }

    private List<AuditEvent> events(String action, String targetId, String from) {
        return probe.events(action).stream()
                .filter(e -> targetId == null || targetId.equalsIgnoreCase(e.targetId()))
                .filter(e -> from == null || from.equals(e.clientAddress())).toList();
    }

    @Test
    void failuresOverTheLimitRecordASecurityEventAndLockThatNameOutFromThatAddress() {
        String attacker = "198.51.100.10";
        for (int i = 1; i <= 3; i++) {
            assertEquals(401, login("carol", "guess-" + i, attacker).statusCode());
        }
        assertTrue(events("security.brute-force", "carol", null).isEmpty(), "three failures are within the limit");

        assertEquals(401, login("carol", "guess-4", attacker).statusCode());
        List<AuditEvent> alarms = events("security.brute-force", "carol", null);
        assertEquals(1, alarms.size(), "one alarm for the name at this address: " + alarms);
        AuditEvent alarm = alarms.get(0);
        assertEquals("User", alarm.targetType());
        assertEquals(Category.SECURITY, alarm.category());
        assertEquals(Outcome.DENIED, alarm.outcome());
        assertTrue(alarm.details().contains("\"failures\":4"), alarm.details());
        assertTrue(alarm.details().contains("\"scope\":\"name-and-address\""), alarm.details());
        assertTrue(alarm.details().contains("\"clientAddress\":\"" + attacker + "\""), alarm.details());
        assertTrue(alarm.details().contains("\"window\":\"PT2M\""), alarm.details());

        // the right password no longer helps from there, whatever the case of the name
        HttpResponse<String> refused = login("carol", "carol-pw", attacker);
        assertEquals(403, refused.statusCode());
        assertTrue(refused.headers().firstValue("Retry-After").isPresent(), refused.headers().map().toString());
        assertEquals(403, login("CAROL", "carol-pw", attacker).statusCode(), "user names are counted ignoring case");
        List<AuditEvent> blocked = events("authn.login.blocked", "carol", attacker);
        assertEquals(2, blocked.size(), blocked.toString());
        assertEquals(Outcome.DENIED, blocked.get(0).outcome());
        assertEquals(Category.AUTHENTICATION, blocked.get(0).category());
        assertEquals("LoginBlocked", blocked.get(0).errorType());
        assertTrue(blocked.get(0).details().contains("\"country\":\"ZZ\""), blocked.get(0).details());
        assertEquals(4, events("authn.login.failure", "carol", attacker).size());
        assertEquals(1, events("security.brute-force", "carol", null).size(), "one alarm per window, not one per attempt");

        // requests without credentials are no login attempts: still served
        assertEquals(200, Http.post(Http.request(base, "public/invoices?number=BF-1")
                .header("X-Forwarded-For", attacker)).statusCode());
    }

    @Test
    void anAttackerCannotLockOutAUserWhoLogsInFromAnotherAddress() {
        String attacker = "198.51.100.20";
        for (int i = 1; i <= 4; i++) {
            assertEquals(401, login("bob", "guess-" + i, attacker).statusCode());
        }
        assertEquals(403, login("bob", "bob-pw", attacker).statusCode(), "the attacked pair is locked");
        assertEquals(403, login("BOB", "bob-pw", attacker).statusCode(), "whatever the case of the name");

        HttpResponse<String> bob = login("bob", "bob-pw", "203.0.113.20");
        assertEquals(200, bob.statusCode(), "bob at his own address is not locked out: " + bob.body());
        assertEquals("bob", bob.body());
        assertEquals(200, login("alice", "alice-pw", attacker).statusCode(),
                "another name from the attacker's address is below the per-address limit");
        assertTrue(events("authn.login.blocked", "bob", "203.0.113.20").isEmpty());
    }

    @Test
    void manyNamesFromOneAddressLockThatAddressOutAndNoOther() {
        String spray = "198.51.100.30";
        for (int i = 1; i <= 7; i++) {
            assertEquals(401, login("sprayed-" + i, "guess", spray).statusCode());
        }
        List<AuditEvent> alarms = events("security.brute-force", spray, null);
        assertEquals(1, alarms.size(), alarms.toString());
        assertEquals("ClientAddress", alarms.get(0).targetType());
        assertTrue(alarms.get(0).details().contains("\"scope\":\"address\""), alarms.get(0).details());
        assertTrue(alarms.get(0).details().contains("\"max\":6"), alarms.get(0).details());

        assertEquals(403, login("alice", "alice-pw", spray).statusCode(), "past the per-address limit, every name");
        assertEquals(200, login("alice", "alice-pw", "198.51.100.31").statusCode(), "the neighbour is not locked");
    }
}
