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

import java.net.CookieManager;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * FORM logins are refused before authentication per user name and client address, like BASIC ones: the name is read
 * from the {@code j_username} the login posts. The tests reach the server through 127.0.0.1, a trusted proxy here,
 * and name the client in X-Forwarded-For.
 */
@ExtendWith(ArquillianExtension.class)
class FormLockoutIT {

    @Deployment
    static WebArchive deployment() {
        return Deployments.warWithFormLogin("form-lockout", Deployments.config(
                "attest.trusted-proxies=127.0.0.1, ::1",
                "attest.security.login-failures.max=3",
                "attest.security.login-failures.max-per-address=20",
                "attest.security.login-failures.delay=PT0S",
                "attest.security.login-failures.window=PT2M",
                "attest.security.lockout=true"), SessionServlet.class);
    }

    @ArquillianResource
    URL base;

    @Inject
    Probe probe;

    /** A FORM login from {@code from} in a browser session of its own: the login page, then the posted form. */
    private HttpResponse<String> login(String user, String password, String from) throws Exception {
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        browser.send(HttpRequest.newBuilder(URI.create(base + "secured/session")).header("X-Forwarded-For", from)
                .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
        return browser.send(HttpRequest.newBuilder(URI.create(base + "j_security_check")).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded").header("X-Forwarded-For", from)
                .POST(HttpRequest.BodyPublishers.ofString("j_username=" + user + "&j_password=" + password)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static boolean loggedIn(HttpResponse<String> answer) {
        return answer.statusCode() == 302 || answer.statusCode() == 303;
    }

    @Test
    void anAttackerFailingAsBobLocksOutBobFromHisOwnAddressOnly() throws Exception {
        String attacker = "198.51.100.40";
        for (int i = 1; i <= 4; i++) {
            HttpResponse<String> failed = login("bob", "guess-" + i, attacker);
            assertTrue(failed.body().contains("login failed"), failed.statusCode() + " " + failed.body());
        }
        HttpResponse<String> refused = login("bob", "bob-pw", attacker);
        assertEquals(403, refused.statusCode(), "the attacked name is locked from the attacker's address: "
                + refused.body());
        assertTrue(refused.headers().firstValue("Retry-After").isPresent(), refused.headers().map().toString());
        List<AuditEvent> blocked = probe.events("authn.login.blocked").stream()
                .filter(e -> attacker.equals(e.clientAddress())).toList();
        assertEquals(1, blocked.size(), blocked.toString());
        assertEquals("bob", blocked.get(0).targetId(), "the refusal names the posted user name");
        assertTrue(blocked.get(0).details().contains("\"mechanism\":\"FORM\""), blocked.get(0).details());
        assertTrue(blocked.get(0).errorMessage().contains("for this user name from this client address"),
                blocked.get(0).errorMessage());

        HttpResponse<String> bob = login("bob", "bob-pw", "203.0.113.40");
        assertTrue(loggedIn(bob), "bob logs in from his own address: " + bob.statusCode() + " " + bob.body());
        assertTrue(loggedIn(login("alice", "alice-pw", attacker)),
                "another name from the attacker's address is below the per-address limit");
    }
}
