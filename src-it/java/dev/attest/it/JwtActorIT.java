package dev.attest.it;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.attest.Actor;
import dev.attest.AuditEvent;
import dev.attest.AuditTrail;
import dev.attest.EntityRevision;
import dev.attest.Outcome;
import dev.attest.it.app.Invoice;
import dev.attest.it.jwt.JwtApplication;
import dev.attest.it.jwt.JwtInvoiceResource;
import jakarta.inject.Inject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.InputStream;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A stateless MicroProfile JWT bearer-token request: the actor of the event and of the Envers revision is the
 * caller name MicroProfile JWT gives the token ({@code upn}, else {@code preferred_username}, else {@code sub}).
 *
 * <p>The key pair is generated when the deployment is built; the public key reaches the server through
 * MicroProfile Config, the private key travels in the test WAR so the in-container tests can sign tokens.
 */
@ExtendWith(ArquillianExtension.class)
class JwtActorIT {

    private static final String ISSUER = "https://issuer.attest.test";
    private static final String SIGNING_KEY = "dev/attest/it/jwt/signing-key.pkcs8";

    @Deployment
    static WebArchive deployment() throws GeneralSecurityException {
        KeyPair pair = rsaKeyPair();
        String publicKeyPem = "-----BEGIN PUBLIC KEY-----\\n"
                + Base64.getEncoder().encodeToString(pair.getPublic().getEncoded())
                + "\\n-----END PUBLIC KEY-----";
        return Deployments.warWithoutLoginConfig("jwt-actor",
                        Deployments.config(
                                "mp.jwt.verify.publickey=" + publicKeyPem,
                                "mp.jwt.verify.issuer=" + ISSUER,
                                // RESTEasy enforces @RolesAllowed on resources only when asked to
                                "resteasy.role.based.security=true"),
                        JwtApplication.class, JwtInvoiceResource.class)
                .addAsResource(new StringAsset(Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded())),
                        SIGNING_KEY);
    }

    @ArquillianResource
    URL base;

    @Inject
    Probe probe;

    @Inject
    AuditTrail trail;

    @Test
    void upnOfTheTokenIsTheActorOfEventAndRevision() throws Exception {
        String token = sign(signingKey(), claims("accountant", "upn", "alice@attest.test", "sub", "0c4f7a52-subject-of-alice"));

        long id = created(createInvoice("J-1", token));

        assertActorOfEventAndRevision(Actor.user("alice@attest.test"), id);
    }

    @Test
    void subIsTheActorWhenTheTokenHasNoUpn() throws Exception {
        String token = sign(signingKey(), claims("accountant", "sub", "billing-service"));

        long id = created(createInvoice("J-2", token));

        assertActorOfEventAndRevision(Actor.user("billing-service"), id);
    }

    @Test
    void preferredUsernameComesBeforeSubWhenTheTokenHasNoUpn() throws Exception {
        String token = sign(signingKey(), claims("accountant", "preferred_username", "carol", "sub", "9d2e61b0-subject-of-carol"));

        long id = created(createInvoice("J-3", token));

        assertActorOfEventAndRevision(Actor.user("carol"), id);
    }

    @Test
    void tokenWithAnInvalidSignatureGets401AndRecordsOnlyTheFailedLogin() throws Exception {
        long[] before = storedRows();
        PrivateKey stranger = rsaKeyPair().getPrivate();
        String forged = sign(stranger, claims("accountant", "upn", "mallory@attest.test", "sub", "mallory"));

        HttpResponse<String> response = createInvoice("J-4", forged);

        assertEquals(401, response.statusCode(), response.body());
        assertArrayEquals(before, storedRows(), "no action event, no revision");
        assertTrue(probe.events("authn.login.failure").stream().anyMatch(e -> e.details().contains("BEARER_TOKEN")
                && "/jwt-actor/api/invoices".equals(e.httpPath())), "the failed token login is recorded");
        assertEquals(0, probe.count("Invoice", "x.number = ?1", "J-4"));
    }

    @Test
    void tokenWithoutTheRequiredGroupGets403AndRecordsOnlyTheDenial() throws Exception {
        long[] before = storedRows();
        String token = sign(signingKey(), claims("viewer", "upn", "dave@attest.test", "sub", "dave"));

        HttpResponse<String> response = createInvoice("J-5", token);

        assertEquals(403, response.statusCode(), response.body());
        assertArrayEquals(before, storedRows(), "no action event, no revision");
        assertTrue(probe.events("authz.denied").stream().anyMatch(e -> "/jwt-actor/api/invoices".equals(e.targetId())),
                "the denial is recorded");
        assertEquals(0, probe.count("Invoice", "x.number = ?1", "J-5"));
    }

    /** How many events (other than authentication and security events) and revisions are stored. */
    private long[] storedRows() {
        return new long[] {probe.count("AttestEvent", "x.category <> ?1 and x.category <> ?2",
                dev.attest.Category.AUTHENTICATION, dev.attest.Category.SECURITY),
                probe.count("AttestRevision", "x.id > 0")};
    }

    private void assertActorOfEventAndRevision(Actor expected, long invoiceId) {
        AuditEvent event = probe.single("invoice.create", invoiceId);
        assertEquals(expected, event.actor());
        assertEquals(Outcome.SUCCESS, event.outcome());
        List<EntityRevision> history = trail.history(Invoice.class, invoiceId);
        assertEquals(1, history.size(), history.toString());
        assertEquals(EntityRevision.Change.ADD, history.get(0).change());
        assertEquals(expected, history.get(0).actor());
        assertEquals(event.correlationId(), history.get(0).correlationId(), "the revision was written by that call");
    }

    private HttpResponse<String> createInvoice(String number, String token) {
        return Http.post(Http.request(base, "api/invoices?number=" + number).header("Authorization", "Bearer " + token));
    }

    private static long created(HttpResponse<String> response) {
        assertEquals(200, response.statusCode(), response.body());
        return Long.parseLong(response.body().trim());
    }

    /** Valid-for-five-minutes claims from the trusted issuer, in the given group, plus the given name claims. */
    private static Map<String, Object> claims(String group, String... nameClaims) {
        long now = Instant.now().getEpochSecond();
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", ISSUER);
        claims.put("jti", UUID.randomUUID().toString());
        claims.put("iat", now);
        claims.put("exp", now + 300);
        claims.put("groups", List.of(group));
        for (int i = 0; i < nameClaims.length; i += 2) {
            claims.put(nameClaims[i], nameClaims[i + 1]);
        }
        return claims;
    }

    /** A compact JWS: base64url(header).base64url(payload).base64url(SHA256withRSA signature). */
    private static String sign(PrivateKey key, Map<String, Object> claims) throws Exception {
        ObjectMapper json = new ObjectMapper();
        Base64.Encoder base64url = Base64.getUrlEncoder().withoutPadding();
        String signingInput = base64url.encodeToString(json.writeValueAsBytes(Map.of("alg", "RS256", "typ", "JWT")))
                + "." + base64url.encodeToString(json.writeValueAsBytes(claims));
        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initSign(key);
        rsa.update(signingInput.getBytes(StandardCharsets.US_ASCII));
        return signingInput + "." + base64url.encodeToString(rsa.sign());
    }

    private static KeyPair rsaKeyPair() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }

    /** The private key generated with the deployment, read from the WAR this test runs in. */
    private static PrivateKey signingKey() throws Exception {
        try (InputStream in = JwtActorIT.class.getClassLoader().getResourceAsStream(SIGNING_KEY)) {
            String encoded = new String(Objects.requireNonNull(in, SIGNING_KEY).readAllBytes(), StandardCharsets.US_ASCII);
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(encoded.trim())));
        }
    }
}
