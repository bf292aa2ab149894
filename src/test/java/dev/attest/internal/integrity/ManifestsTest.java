package dev.attest.internal.integrity;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Known answers for the manifest leaf (docs/integrity.md, section 4) and how a row is read under a manifest. */
class ManifestsTest {

    static final Map<String, String> TABLES = Map.of(
            "attest_event", "action:text,occurred_at:timestamptz,replaces_id:integer",
            "invoice_aud", "amount:decimal,customer:text,rev:integer,revtype:integer");

    static final String MANIFEST_JSON = "{\"columns\":{\"attest_event\":\"action:text,occurred_at:timestamptz,"
            + "replaces_id:integer\",\"invoice_aud\":\"amount:decimal,customer:text,rev:integer,revtype:integer\"},"
            + "\"id\":\"1\",\"kind\":\"manifest\",\"table\":\"attest_manifest\",\"v\":1}";

    @Test
    void manifestPreimageIsTheDocumentedJson() {
        Manifests.Manifest manifest = new Manifests.Manifest(1, TABLES);
        assertEquals(MANIFEST_JSON, new String(Manifests.preimage(manifest), StandardCharsets.UTF_8));
        // computed from MANIFEST_JSON alone: python3 -c "import hashlib; print(hashlib.sha256(b'\0' + s).hexdigest())"
        assertEquals("af69b8d5eb858cc756aa38ff2197216d7022f6f0e04c57d801bd8f5dc0bb84cc", Hashes.hex(Merkle.leafHash(Manifests.preimage(manifest))));
    }

    @Test
    void theJsonKeptBesideTheLeafGivesTheManifestBack() {
        Manifests.Manifest manifest = new Manifests.Manifest(3, TABLES);
        assertEquals("{\"attest_event\":\"action:text,occurred_at:timestamptz,replaces_id:integer\","
                + "\"invoice_aud\":\"amount:decimal,customer:text,rev:integer,revtype:integer\"}", manifest.json());
        assertEquals(manifest, Manifests.parse(3, manifest.json()));
        assertThrows(IllegalArgumentException.class, () -> Manifests.parse(3, "{\"attest_event\":1}"));
        assertThrows(IllegalArgumentException.class, () -> Manifests.parse(3, "[]"));
    }

    @Test
    void aNewManifestOnlyWhenTheColumnsSeenDiffer() {
        Manifests.Manifest first = Manifests.NONE.with(TABLES);
        assertEquals(1, first.id());
        assertSame(first, first.with(Map.of("attest_event", TABLES.get("attest_event"))));
        Manifests.Manifest second = first.with(Map.of("attest_event",
                "action:text,occurred_at:timestamptz,region:text,replaces_id:integer"));
        assertEquals(2, second.id());
        // a table not seen in a round keeps its entry
        assertEquals(TABLES.get("invoice_aud"), second.tables().get("invoice_aud"));
    }

    @Test
    void aRowIsReadWithTheColumnsOfTheManifestInForce() {
        Manifests.Manifest manifest = new Manifests.Manifest(1, TABLES);
        Map<String, String> row = new TreeMap<>();
        row.put("action", "a");
        row.put("occurred_at", "2026-11-30T22:55:01.123456Z");
        row.put("replaces_id", null);
        assertSame(row, Manifests.sealed(manifest, "attest_event", row));
        assertSame(row, Manifests.sealed(null, "attest_event", row));
        assertSame(row, Manifests.sealed(manifest, "attest_revision", row));
        row.put("region", "eu");
        Map<String, String> sealed = Manifests.sealed(manifest, "attest_event", row);
        assertEquals(Set.of("action", "occurred_at", "replaces_id"), sealed.keySet());
        assertEquals(List.of("region"), Manifests.uncovered(manifest.names("attest_event"), row));
        row.put("region", null);
        assertEquals(List.of(), Manifests.uncovered(manifest.names("attest_event"), row));
    }
}
