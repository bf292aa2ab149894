package dev.attest.it;

import dev.attest.AuditEvent;
import dev.attest.Outcome;
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
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Servlet FORM login: failure with the attempted name, success once per session, logout. */
@ExtendWith(ArquillianExtension.class)
class FormLoginIT {

    @Deployment
    static WebArchive deployment() {
        return Deployments.warWithFormLogin("form-login", "", SessionServlet.class);
    }

    @ArquillianResource
    URL base;

    @Inject
    Probe probe;

    private final HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER).build();

    private HttpResponse<String> get(String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> login(String user, String password) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(base + "j_security_check")).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("j_username=" + user + "&j_password=" + password)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void formLoginFailureSuccessAndLogout() throws Exception {
        assertTrue(get("secured/session").body().contains("j_security_check"), "the login page");
        HttpResponse<String> failed = login("bob", "Form-Canary-Pw-31");
        assertTrue(failed.body().contains("login failed"), failed.statusCode() + " " + failed.body());

        List<AuditEvent> failures = probe.events("authn.login.failure");
        assertEquals(1, failures.size(), failures.toString());
        assertEquals("bob", failures.get(0).targetId());
        assertEquals(Outcome.FAILURE, failures.get(0).outcome());
        assertTrue(failures.get(0).details().contains("\"mechanism\":\"FORM\""), failures.get(0).details());

        get("secured/session");
        HttpResponse<String> ok = login("bob", "bob-pw");
        assertTrue(ok.statusCode() == 302 || ok.statusCode() == 303, ok.statusCode() + " " + ok.body());
        assertEquals("bob", get("secured/session").body());
        assertEquals("bob", get("secured/session?op=none").body());

        List<AuditEvent> logins = probe.events("authn.login.success");
        assertEquals(1, logins.size(), "once per session: " + logins);
        assertEquals("bob", logins.get(0).actor().id());
        assertTrue(logins.get(0).details().contains("\"mechanism\":\"FORM\""), logins.get(0).details());

        get("secured/session?op=logout");
        List<AuditEvent> logouts = probe.events("authn.logout");
        assertEquals(1, logouts.size(), logouts.toString());
        assertEquals("bob", logouts.get(0).actor().id());
        assertFalse(probe.dump("attest_event").contains("Form-Canary-Pw-31"));
    }
}
