package dev.attest.internal.integrity;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The streaming writer against the documented shapes built as maps and written by {@link Json#canonical}, on
 * random rows with escapes, non-ASCII text, surrogate pairs, lone surrogates and nulls, one writer reused.
 */
class LeafWriterTest {

    private static final String[] SAMPLES = {"", "a", "alice", "203.0.113.7", "quote \" and \\ back", "tab\tnew\nline\r",
            "\u0000\u001f\u007f", "caf\u00e9 \u20ac", "\ud83d\ude00 smile", "lone \ud800 high", "lone \udc00 low",
            "{\"comment\":\"ok\"}", "x".repeat(3000)};

    @Test
    void eventRevisionAndAudPreimagesAreTheCanonicalJsonOfTheDocumentedShapes() {
        Random random = new Random(20261130);
        LeafWriter writer = new LeafWriter();
        for (int n = 0; n < 300; n++) {
            byte[] salt = new byte[16];
            random.nextBytes(salt);
            Map<String, String> event = row(random, "action", "actor_id", "client_address", "details", "duration_ms",
                    "error_message", "outcome", "reason", "target_id", "user_agent", "z\u00e9");
            assertArrayEquals(reference(Preimages.EVENT, Preimages.EVENT_TABLE, n, event,
                            Preimages.PERSONAL_EVENT_COLUMNS, salt, null), writer.eventPreimage(n, event, salt));
            assertArrayEquals(Merkle.leafHash(writer.eventPreimage(n, event, salt)), writer.eventLeaf(n, event, salt));

            Map<String, String> aud = row(random, "rev", "revtype", "revend", "revend_tstmp", "amount", "approved_by");
            Map<String, Object> audShape = new LinkedHashMap<>();
            audShape.put("table", "invoice_aud");
            Map<String, String> kept = new TreeMap<>(aud);
            kept.remove("revend");
            kept.remove("revend_tstmp");
            audShape.put("columns", committed("invoice_aud", kept, c -> !Set.of("rev", "revtype").contains(c), salt));
            String digest = writer.audDigest("invoice_aud", aud, salt);
            assertEquals(Hashes.hex(Hashes.sha256(Json.canonical(audShape))), digest);

            Map<String, String> revision = row(random, "actor_id", "client_address", "reason", "revision_time");
            List<String> digests = List.of(digest, "0" + digest.substring(1), "f" + digest.substring(1));
            assertArrayEquals(reference(Preimages.REVISION, Preimages.REVISION_TABLE, n, revision,
                            Preimages.PERSONAL_REVISION_COLUMNS, salt, digests),
                    writer.revisionPreimage(n, revision, digests, salt));
        }
    }

    @Test
    void unsortedColumnMapsAreWrittenInCanonicalOrder() {
        Map<String, String> hashed = new HashMap<>(PreimagesTest.event());
        assertArrayEquals(Preimages.event(7, PreimagesTest.event(), PreimagesTest.SALT),
                new LeafWriter().eventPreimage(7, hashed, PreimagesTest.SALT));
    }

    private static Map<String, String> row(Random random, String... names) {
        Map<String, String> row = new TreeMap<>();
        for (String name : names) {
            row.put(name, random.nextInt(5) == 0 ? null : SAMPLES[random.nextInt(SAMPLES.length)]);
        }
        return row;
    }

    private static byte[] reference(String kind, String table, long id, Map<String, String> columns, Set<String> personal,
                                    byte[] salt, List<String> aud) {
        Map<String, Object> leaf = new HashMap<>();
        leaf.put("v", 1L);
        leaf.put("kind", kind);
        leaf.put("table", table);
        leaf.put("id", Long.toString(id));
        leaf.put("columns", committed(table, columns, personal::contains, salt));
        if (aud != null) {
            List<String> sorted = new ArrayList<>(aud);
            sorted.sort(null);
            leaf.put("aud", sorted);
        }
        return Json.canonical(leaf).getBytes(StandardCharsets.UTF_8);
    }

    private static Map<String, Object> committed(String table, Map<String, String> columns,
                                                 java.util.function.Predicate<String> personal, byte[] salt) {
        Map<String, Object> out = new HashMap<>();
        columns.forEach((name, value) -> out.put(name, value == null || !personal.test(name) ? value
                : "hmac-sha256:" + Hashes.base64url(Hashes.hmac(
                        Hashes.hmac(salt, (table + "." + name).getBytes(StandardCharsets.UTF_8)),
                        value.getBytes(StandardCharsets.UTF_8)))));
        return out;
    }
}
