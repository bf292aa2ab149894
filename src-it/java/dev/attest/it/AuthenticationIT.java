package dev.attest.it;

import dev.attest.AuditEvent;
import dev.attest.Category;
import dev.attest.Outcome;
import dev.attest.it.security.EjbServlet;
import dev.attest.it.security.ForbiddenApi;
import dev.attest.it.security.GeoEnricher;
import dev.attest.it.security.PeekService;
import dev.attest.it.security.PeekServlet;
import dev.attest.it.security.SessionServlet;
import dev.attest.it.security.ViewerBean;
import dev.attest.it.security.ViewerServlet;
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
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Logins, failed logins, logouts, expired sessions and denials of the container's own security, recorded with no call. */
@ExtendWith(ArquillianExtension.class)
class AuthenticationIT {

    @Deployment
    static WebArchive deployment() {
        return Deployments.war("authentication", "", SessionServlet.class, ViewerServlet.class, ViewerBean.class,
                EjbServlet.class, GeoEnricher.class, PeekService.class, PeekServlet.class, ForbiddenApi.class, ForbiddenApi.Resource.class);
    }

    @ArquillianResource
    URL base;

    @Inject
    Probe probe;

    @Inject
    dev.attest.AuditLog log;

    private HttpResponse<String> get(String path, String user, String password) {
        return Http.send(Http.as(Http.request(base, path), user, password).GET().build());
    }

    private List<AuditEvent> events(String action, Predicate<AuditEvent> filter) {
        return probe.events(action).stream().filter(filter).toList();
    }

    private AuditEvent awaitOne(String action, Predicate<AuditEvent> filter) throws InterruptedException {
        // Payara's session manager looks for timed-out sessions once a minute (reapIntervalSeconds), WildFly's sooner
        int seconds = Server.current() == Server.PAYARA ? 90 : 30;
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        while (System.nanoTime() < deadline) {
            List<AuditEvent> found = events(action, filter);
            if (!found.isEmpty()) {
                assertEquals(1, found.size(), found.toString());
                return found.get(0);
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no event " + action + " within " + seconds + " s");
    }

    private static Predicate<AuditEvent> actor(String id) {
        return e -> id.equals(e.actor().id());
    }

    @Test
    void basicLoginIsRecordedOnceWithItsMechanismAndTheEnrichersDetails() {
        assertEquals(200, get("secured/session", "alice", "alice-pw").statusCode());
        assertEquals(200, get("secured/session", "alice", "alice-pw").statusCode());

        List<AuditEvent> logins = events("authn.login.success", actor("alice"));
        assertEquals(1, logins.size(), "a session-less login is recorded once per interval, not per request: " + logins);
        AuditEvent login = logins.get(0);
        assertEquals(Category.AUTHENTICATION, login.category());
        assertEquals(Outcome.SUCCESS, login.outcome());
        assertEquals("USER", login.actor().type().name());
        assertTrue(login.details().contains("\"mechanism\":\"BASIC\""), login.details());
        assertTrue(login.details().contains("\"country\":\"ZZ\""), "the application's LoginEnricher: " + login.details());
        assertEquals("/authentication/secured/session", login.httpPath());
        assertTrue(login.requestId() != null && !login.requestId().isEmpty());
    }

    @Test
    void failedLoginRecordsTheNeutralisedAttemptedNameAndNoPassword() {
        HttpResponse<String> response = get("secured/session", "mallory\r\n[forged] ok", "wrong-pw-1");
        assertEquals(401, response.statusCode());

        AuditEvent failure = events("authn.login.failure", e -> e.targetId() != null && e.targetId().startsWith("mallory"))
                .get(0);
        assertEquals(Category.AUTHENTICATION, failure.category());
        assertEquals(Outcome.FAILURE, failure.outcome());
        assertEquals("ANONYMOUS", failure.actor().type().name());
        assertEquals("User", failure.targetType());
        assertEquals("mallory\\r\\n[forged] ok", failure.targetId());
        assertEquals("invalid credentials", failure.errorMessage());
        assertTrue(failure.details().contains("\"mechanism\":\"BASIC\""), failure.details());
        assertTrue(failure.details().contains("\"country\":\"ZZ\""), failure.details());
        assertFalse(failure.toString().contains("wrong-pw-1"));
    }

    @Test
    void canarySecretsReachNoTableAndNotTheServerLog() {
        ServerLog log = ServerLog.mark();
        String password = "Canary-Pw-7f3a9c";
        String token = "Canary-Token-e81b4d";
        assertEquals(401, get("secured/session", "carol", password).statusCode());
        assertEquals(401, get("secured/session", "Canary-User:" + password, password).statusCode());
        assertEquals(401, Http.send(Http.request(base, "secured/session").header("Authorization", "Bearer " + token)
                .GET().build()).statusCode());
        // not base64: WildFly's BASIC mechanism throws (500); still a failed login, still no secret anywhere
        Http.send(Http.request(base, "secured/session").header("Authorization", "Basic " + token).GET().build());

        assertTrue(events("authn.login.failure", e -> "carol".equals(e.targetId())).size() == 1);
        assertTrue(events("authn.login.failure", e -> e.details().contains("BEARER_TOKEN")).size() >= 1);
        assertTrue(events("authn.login.failure", e -> e.errorMessage().startsWith("malformed credentials")).size() >= 1);
        String tables = probe.dump("attest_event", "attest_revision", "Invoice_AUD");
        assertFalse(tables.contains(password), "password in a table");
        assertFalse(tables.contains(token), "token in a table");
        assertFalse(tables.contains("Q2FuYXJ5"), "encoded secret in a table");
        String written = log.sinceMark();
        assertFalse(written.contains(password), "password in server.log");
        assertFalse(written.contains(token), "token in server.log");
    }

    @Test
    void sessionLoginIsRecordedOnceAndItsInvalidationIsALogout() {
        HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        for (String op : List.of("create", "none", "invalidate")) {
            HttpResponse<String> response = send(client, Http.as(Http.request(base, "secured/session?op=" + op), "bob", "bob-pw"));
            assertEquals(200, response.statusCode(), op);
        }

        assertEquals(1, events("authn.login.success", actor("bob")).size(), "one login for the session");
        List<AuditEvent> logouts = events("authn.logout", actor("bob"));
        assertEquals(1, logouts.size(), logouts.toString());
        assertTrue(logouts.get(0).details().contains("session invalidated"), logouts.get(0).details());
        assertEquals(Category.AUTHENTICATION, logouts.get(0).category());
    }

    @Test
    void requestLogoutIsRecordedOnce() {
        assertEquals(200, get("secured/session?op=logout", "alice", "alice-pw").statusCode());

        List<AuditEvent> logouts = events("authn.logout", actor("alice"));
        assertEquals(1, logouts.size(), logouts.toString());
        assertTrue(logouts.get(0).details().contains("request logout"), logouts.get(0).details());
        assertTrue(logouts.get(0).details().contains("BASIC"), logouts.get(0).details());
    }

    @Test
    void anExpiredSessionIsRecorded() throws InterruptedException {
        HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        assertEquals(200, send(client, Http.as(Http.request(base, "secured/session?op=create&ttl=1"), "carol", "carol-pw"))
                .statusCode());

        AuditEvent expired = awaitOne("authn.session.expired", actor("carol"));
        assertEquals(Category.AUTHENTICATION, expired.category());
        assertEquals(Outcome.SUCCESS, expired.outcome());
        assertTrue(expired.details().contains("\"maxInactiveSeconds\":1"), expired.details());
        assertTrue(events("authn.logout", actor("carol")).isEmpty(), "expiry is no logout");
    }

    @Test
    void servletConstraintDenialIsRecordedWithActorAndResource() {
        assertEquals(403, get("viewer/page", "bob", "bob-pw").statusCode());

        AuditEvent denied = events("authz.denied", e -> "/authentication/viewer/page".equals(e.targetId())).get(0);
        assertEquals(Outcome.DENIED, denied.outcome());
        assertEquals("bob", denied.actor().id());
        assertEquals("URL", denied.targetType());
    }

    @Test
    void sessionBeanDenialIsRecordedWithActorAndResource() {
        assertEquals(500, get("secured/ejb", "carol", "carol-pw").statusCode());

        AuditEvent denied = events("authz.denied", e -> "/authentication/secured/ejb".equals(e.targetId())).get(0);
        assertEquals(Outcome.DENIED, denied.outcome());
        assertEquals("carol", denied.actor().id());
        assertTrue(denied.errorMessage().contains("EJBAccessException"), denied.errorMessage());
        assertTrue(denied.errorMessage().contains("secret"), denied.errorMessage());
    }

    @Test
    void sessionBeanDenialInsideAnAuditedActionIsRecordedOnceWithTheBeanAndMethod() {
        assertEquals("refused", get("secured/peek", "bob", "bob-pw").body());
        assertEquals(500, get("secured/peek?escape=1", "carol", "carol-pw").statusCode());

        List<AuditEvent> caught = events("authz.denied", actor("bob").and(e -> "EJB".equals(e.targetType())));
        assertEquals(1, caught.size(), caught.toString());
        assertEquals("ViewerBean#secret", caught.get(0).targetId());
        assertEquals(Outcome.DENIED, caught.get(0).outcome());
        List<AuditEvent> escaped = events("authz.denied", actor("carol").and(e -> e.httpPath().endsWith("/secured/peek")));
        assertEquals(1, escaped.size(), "the action and the request see one denial: " + escaped);
        assertEquals(2, events("viewer.peek", e -> e.outcome() == Outcome.FAILURE).size(), "the actions failed");
    }

    @Test
    void tokenLoginsAndLogoutsAreRecordedExplicitlyWithTheirMechanism() {
        log.loginSucceeded("svc-9", "OIDC");
        log.loginFailed("svc-10", "API_KEY", "expired key");
        log.logout("svc-9", "OIDC");

        AuditEvent login = events("authn.login.success", actor("svc-9")).get(0);
        assertTrue(login.details().contains("\"mechanism\":\"OIDC\""), login.details());
        AuditEvent failure = events("authn.login.failure", e -> "svc-10".equals(e.targetId())).get(0);
        assertEquals("expired key", failure.errorMessage());
        assertTrue(failure.details().contains("\"mechanism\":\"API_KEY\""), failure.details());
        assertTrue(events("authn.logout", actor("svc-9")).get(0).details().contains("OIDC"));
    }

    @Test
    void jaxRsForbiddenIsRecordedAsDenied() {
        assertEquals(403, Http.send(Http.request(base, "api/forbidden").GET().build()).statusCode());

        AuditEvent denied = events("authz.denied", e -> "/authentication/api/forbidden".equals(e.targetId())).get(0);
        assertEquals(Outcome.DENIED, denied.outcome());
        assertEquals("ANONYMOUS", denied.actor().type().name());
        assertNull(denied.reason());
    }

    private static HttpResponse<String> send(HttpClient client, HttpRequest.Builder request) {
        try {
            return client.send(request.timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
