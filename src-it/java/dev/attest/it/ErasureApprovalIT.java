package dev.attest.it;

import dev.attest.Actor;
import dev.attest.AuditContext;
import dev.attest.internal.integrity.Json;
import dev.attest.internal.seal.Sealer;
import dev.attest.it.app.Invoice;
import dev.attest.it.app.InvoiceService;
import dev.attest.it.seal.SealHarness;
import dev.attest.it.seal.SealKeys;
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
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code attest.erasure.approval=true}: alice requests an erasure, she cannot approve it herself, bob (erasure role
 * {@code user}, not a viewer of the trail) approves it, and the sealed log still verifies.
 */
@ExtendWith(ArquillianExtension.class)
class ErasureApprovalIT {

    @Deployment
    static WebArchive deployment() {
        return Deployments.war("erasure-approval", SealKeys.config(SealKeys.create("approval", "attest"), "attest") + "\n"
                + Deployments.config("attest.erasure-role=user", "attest.erasure.approval=true"),
                SealHarness.class, SealKeys.class);
    }

    @EJB
    InvoiceService invoices;

    @Inject
    SealHarness harness;

    @ArquillianResource
    URL base;

    private HttpResponse<String> post(String user, String path, String form) {
        return Http.send(Http.as(Http.request(base, path), user, user + "-pw")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> json(HttpResponse<String> response) {
        return (Map<String, Object>) Json.parse(response.body());
    }

    @Test
    void anErasureNeedsASecondPersonsApproval() {
        harness.sql("delete from attest_erased_row");
        Sealer sealer = harness.fresh("approval");
        AuditContext.runAs(Actor.user("frank"), () -> invoices.create(new Invoice("f" + System.nanoTime(), "ACME", BigDecimal.ONE)));
        harness.seal(sealer);

        HttpResponse<String> direct = post("alice", "audit/api/erasures", "user=frank&request=DSR-5");
        assertEquals(409, direct.statusCode(), direct.body());
        assertTrue(json(direct).get("error").toString().contains("attest.erasure.approval=true"), direct.body());

        HttpResponse<String> requested = post("alice", "audit/api/erasures/requests", "user=frank&request=DSR-5&reason=Art.+17");
        assertEquals(201, requested.statusCode(), requested.body());
        assertEquals(false, json(requested).get("erased"));
        assertEquals(1L, json(requested).get("events"));
        assertEquals(409, post("alice", "audit/api/erasures/requests", "user=frank&request=DSR-5").statusCode(),
                "the same request twice");

        HttpResponse<String> own = post("alice", "audit/api/erasures/requests/DSR-5/approve", "");
        assertEquals(409, own.statusCode(), own.body());
        assertTrue(json(own).get("error").toString().contains("a second person must approve it"), own.body());
        assertEquals(1, harness.number("select count(*) from attest_event where actor_id = 'frank'"));

        assertEquals(403, Http.send(Http.as(Http.request(base, "audit/api/holds"), "bob", "bob-pw").GET().build()).statusCode(),
                "bob may approve erasures but not read the trail");
        HttpResponse<String> approved = post("bob", "audit/api/erasures/requests/DSR-6/approve", "");
        assertEquals(400, approved.statusCode(), "an unknown request: " + approved.body());
        approved = post("bob", "audit/api/erasures/requests/DSR-5/approve", "");
        assertEquals(200, approved.statusCode(), approved.body());
        assertEquals(true, json(approved).get("erased"));
        assertEquals(0, harness.number("select count(*) from attest_event where actor_id = 'frank'"));
        assertEquals(0, harness.number("select count(*) from attest_erasure_request"), "no table keeps the subject");
        assertEquals(1, harness.number("select count(*) from attest_event where action = 'audit.erasure' "
                + "and actor_id = 'bob' and details like '%\"approvedBy\":\"bob\"%' and details not like '%frank%'"));

        harness.seal(sealer);
        assertEquals(List.of(), SealHarness.findings(harness.verify(SealHarness.checkpoints(sealer))));
    }

    @Test
    void withoutTheHoldRoleAPostIsRefusedBeforeAnythingElseAndRecorded() {
        // attest.hold-role is the default audit-hold here, which nobody has
        for (String path : List.of("audit/api/holds", "audit/api/holds/1/release", "audit/api/holds/no-such-path")) {
            HttpResponse<String> refused = post("alice", path, "actor=x&case=C");
            assertEquals(403, refused.statusCode(), path + ": " + refused.body());
            assertEquals("changing legal holds needs the role 'audit-hold'", json(refused).get("error"));
        }
        assertEquals(3, harness.number("select count(*) from attest_event where action = 'authz.denied' and actor_id = 'alice' "
                + "and http_path like '%/audit/api/holds%' and details like '%audit-hold%'"));
        assertEquals(0, harness.number("select count(*) from attest_hold"));
    }
}
