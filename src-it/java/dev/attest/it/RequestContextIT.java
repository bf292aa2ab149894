package dev.attest.it;

import dev.attest.AuditEvent;
import dev.attest.EntityRevision;
import dev.attest.AuditTrail;
import dev.attest.it.app.Invoice;
import jakarta.inject.Inject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URL;
import java.net.http.HttpResponse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The request context comes from Attest's own filter, registered without any web.xml line. */
@ExtendWith(ArquillianExtension.class)
class RequestContextIT {

    @Deployment
    static WebArchive deployment() {
        return Deployments.war("request-context", "attest.trusted-proxies=127.0.0.1, ::1");
    }

    @ArquillianResource
    URL base;

    @Inject
    Probe probe;

    @Inject
    AuditTrail trail;

    private long create(String number, String... headers) {
        HttpResponse<String> response = Http.post(Http.request(base, "public/invoices?number=" + number).headers(headers));
        assertEquals(200, response.statusCode(), response.body());
        return Long.parseLong(response.body().trim());
    }

    @Test
    void eventAndRevisionCarryTheRequestContext() {
        long id = create("R-1", "User-Agent", "AttestTest/1.0", "X-Request-ID", "req-42");

        AuditEvent event = probe.single("invoice.create", id);
        assertEquals("AttestTest/1.0", event.userAgent());
        assertEquals("POST", event.httpMethod());
        assertEquals("/request-context/public/invoices", event.httpPath());
        assertEquals("req-42", event.requestId());
        assertTrue(event.clientAddress().equals("127.0.0.1") || event.clientAddress().equals("0:0:0:0:0:0:0:1"),
                event.clientAddress());
        EntityRevision revision = trail.history(Invoice.class, id).get(0);
        assertEquals("req-42", revision.requestId());
        assertEquals(event.clientAddress(), revision.clientAddress());
    }

    @Test
    void malformedRequestIdIsReplacedAndTheResponseNamesTheOneRecorded() {
        HttpResponse<String> response = Http.post(Http.request(base, "public/invoices?number=R-2")
                .header("X-Request-ID", "<script>alert(1)</script>"));

        String recorded = probe.single("invoice.create", Long.parseLong(response.body().trim())).requestId();
        assertNotEquals("<script>alert(1)</script>", recorded);
        assertEquals(36, recorded.length(), "a generated UUID");
        assertEquals(recorded, response.headers().firstValue("X-Request-ID").orElseThrow());
    }

    @Test
    void forwardedForFromATrustedProxyNamesTheClient() {
        long id = create("R-3", "X-Forwarded-For", "203.0.113.9");

        assertEquals("203.0.113.9", probe.single("invoice.create", id).clientAddress());
    }

    @Test
    void forgedHopsBeyondTheTrustedProxyAreNotBelieved() {
        long id = create("R-4", "X-Forwarded-For", "10.6.6.6, 198.51.100.20");

        assertEquals("198.51.100.20", probe.single("invoice.create", id).clientAddress(),
                "the nearest untrusted hop is the client; what it claims about earlier hops is not believed");
    }
}
