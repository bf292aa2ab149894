package dev.attest.internal.integrity;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** Known answers for the canonical preimage, version 1 (the examples of docs/integrity.md). */
class PreimagesTest {

    static final byte[] SALT = Hashes.unhex("000102030405060708090a0b0c0d0e0f");

    static Map<String, String> event() {
        Map<String, String> c = new TreeMap<>();
        c.put("occurred_at", "2026-11-30T22:55:01.123456Z");
        c.put("category", "ACTION");
        c.put("action", "invoice.approve");
        c.put("outcome", "SUCCESS");
        c.put("actor_type", "USER");
        c.put("actor_id", "alice");
        c.put("on_behalf_of_type", null);
        c.put("on_behalf_of_id", null);
        c.put("target_type", "Invoice");
        c.put("target_id", "42");
        c.put("reason", null);
        c.put("client_address", "203.0.113.7");
        c.put("user_agent", null);
        c.put("http_method", "POST");
        c.put("http_path", "/invoices/42/approve");
        c.put("request_id", "r-1");
        c.put("correlation_id", "c-1");
        c.put("duration_ms", "12");
        c.put("details", "{\"comment\":\"ok\"}");
        c.put("error_type", null);
        c.put("error_message", null);
        c.put("replaces_id", null);
        return c;
    }

    @Test
    void commitmentIsHmacUnderTheColumnKeyDerivedFromTheSalt() {
        assertEquals("hmac-sha256:" + Hashes.base64url(Hashes.hmac(
                        Hashes.hmac(SALT, "attest_event.actor_id".getBytes(StandardCharsets.UTF_8)),
                        "alice".getBytes(StandardCharsets.UTF_8))),
                Preimages.commitment(SALT, "attest_event", "actor_id", "alice"));
        assertEquals("hmac-sha256:hmsNUt7e_71pehbY0men3r4TXUn29fURU7Ql-m6aGZU",
                Preimages.commitment(SALT, "attest_event", "actor_id", "alice"));
    }

    @Test
    void eventPreimageIsTheDocumentedJson() {
        String preimage = new String(Preimages.event(7, event(), SALT), StandardCharsets.UTF_8);
        assertEquals(EVENT_JSON, preimage);
        assertEquals(EVENT_LEAF, Hashes.hex(Merkle.leafHash(Preimages.event(7, event(), SALT))));
    }

    @Test
    void everyColumnAndTheIdChangeTheLeaf() {
        String leaf = Hashes.hex(Merkle.leafHash(Preimages.event(7, event(), SALT)));
        assertNotEquals(leaf, Hashes.hex(Merkle.leafHash(Preimages.event(8, event(), SALT))));
        for (String column : event().keySet()) {
            Map<String, String> changed = event();
            changed.put(column, "x");
            assertNotEquals(leaf, Hashes.hex(Merkle.leafHash(Preimages.event(7, changed, SALT))), column);
        }
    }

    @Test
    void revisionPreimageHoldsTheSortedAudDigestsWithoutRevend() {
        Map<String, String> aud = new TreeMap<>(Map.of("id", "42", "rev", "5", "revtype", "1", "customer", "ACME",
                "amount", "10.5", "revend", "9"));
        String digest = Preimages.audDigest("invoice_aud", aud, SALT);
        aud.remove("revend");
        assertEquals(digest, Preimages.audDigest("invoice_aud", aud, SALT));
        Map<String, String> revision = new TreeMap<>(Map.of("revision_time", "1796078101123", "actor_type", "USER",
                "actor_id", "alice"));
        String json = new String(Preimages.revision(5, revision, List.of("b", "a"), SALT), StandardCharsets.UTF_8);
        assertEquals("{\"aud\":[\"a\",\"b\"],\"columns\":{\"actor_id\":\""
                + Preimages.commitment(SALT, "attest_revision", "actor_id", "alice")
                + "\",\"actor_type\":\"USER\",\"revision_time\":\"1796078101123\"},\"id\":\"5\",\"kind\":\"revision\","
                + "\"table\":\"attest_revision\",\"v\":1}", json);
    }

    @Test
    void gapPreimageNamesTheReplacingFailureRow() {
        assertEquals("{\"columns\":{\"closed\":\"rolled-back\",\"replaced_by\":\"18\"},\"id\":\"17\",\"kind\":\"gap\","
                + "\"table\":\"attest_event\",\"v\":1}", new String(Preimages.gap("attest_event", 17, 18L), StandardCharsets.UTF_8));
        assertEquals("{\"columns\":{\"closed\":\"horizon\",\"replaced_by\":null},\"id\":\"3\",\"kind\":\"gap\","
                + "\"table\":\"attest_revision\",\"v\":1}", new String(Preimages.gap("attest_revision", 3, null), StandardCharsets.UTF_8));
    }

    @Test
    void decimalsLoseTrailingZerosAndTimestampsAreUtcMicroseconds() {
        assertEquals("100", Rows.decimal(new java.math.BigDecimal("100.00")));
        assertEquals("10.5", Rows.decimal(new java.math.BigDecimal("10.50")));
        assertEquals("0", Rows.decimal(new java.math.BigDecimal("0.000")));
        assertEquals("2026-11-30T21:55:01.120000Z",
                Rows.timestamp(java.time.OffsetDateTime.parse("2026-11-30T22:55:01.12+01:00")));
    }

    /** Computed by this code and, independently, by verifier-python/attest_verify.py. */
    static final String EVENT_JSON = "{\"columns\":{\"action\":\"invoice.approve\",\"actor_id\":\"hmac-sha256:hmsNUt7e_71pehbY0men3r4TXUn2"
            + "9fURU7Ql-m6aGZU\",\"actor_type\":\"USER\",\"category\":\"ACTION\",\"client_address\":\"hmac-sha256:6"
            + "B8aoBLB7zk80G_0t0m6xlZ9UY3X2qOF7jw97kXN3DY\",\"correlation_id\":\"c-1\",\"details\":\"hmac-sha256:i9"
            + "bg2uo1ln7cyyHprqEK1pU1nPx9smqxtPsKw6yj38s\",\"duration_ms\":\"12\",\"error_message\":null,\"error_ty"
            + "pe\":null,\"http_method\":\"POST\",\"http_path\":\"/invoices/42/approve\",\"occurred_at\":\"2026-11-"
            + "30T22:55:01.123456Z\",\"on_behalf_of_id\":null,\"on_behalf_of_type\":null,\"outcome\":\"SUCCESS\",\""
            + "reason\":null,\"replaces_id\":null,\"request_id\":\"r-1\",\"target_id\":\"hmac-sha256:LsA3DCGSy5Nit-"
            + "yJQ3w-yxKWdIsO1Xcp1kDSlA7K3Iw\",\"target_type\":\"Invoice\",\"user_agent\":null},\"id\":\"7\",\"kind"
            + "\":\"event\",\"table\":\"attest_event\",\"v\":1}";
    static final String EVENT_LEAF = "e05745e958a1911bbe9a77b8cd929a5efce0a85d29c4334c4ccc533b4ad288d4";
}
