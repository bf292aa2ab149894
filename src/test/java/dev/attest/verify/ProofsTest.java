package dev.attest.verify;

import dev.attest.internal.integrity.Checkpoint;
import dev.attest.internal.integrity.Hashes;
import dev.attest.internal.integrity.Merkle;
import dev.attest.internal.integrity.ProofBundles;
import dev.attest.internal.integrity.Preimages;
import dev.attest.internal.integrity.TrustedKeys;
import org.junit.jupiter.api.Test;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Proof bundles that withhold personal columns: they disclose only commitments and still verify. */
class ProofsTest {

    private static final byte[] SALT = Hashes.unhex("000102030405060708090a0b0c0d0e0f");

    private final KeyPair key = generate();
    private final TrustedKeys trusted = TrustedKeys.parse(TrustedKeys.pem(key.getPublic()));

    private static KeyPair generate() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> event() {
        Map<String, String> c = new TreeMap<>();
        c.put("action", "invoice.approve");
        c.put("actor_id", "alice");
        c.put("client_address", "203.0.113.7");
        c.put("outcome", "SUCCESS");
        c.put("reason", null);
        c.put("target_id", "42");
        return c;
    }

    /** Event 7 as leaf 1 of a log of three leaves, under a signed checkpoint. */
    private Map<String, Object> bundle(Set<String> withhold) {
        List<byte[]> leaves = List.of(Hashes.sha256("a"),
                Merkle.leafHash(Preimages.event(7, event(), SALT)), Hashes.sha256("c"));
        Merkle.Tree tree = new Merkle.Tree(leaves);
        Checkpoint checkpoint = Checkpoint.of("test", 3, Merkle.root(leaves), Instant.parse("2026-11-30T10:00:00Z"), null)
                .signedBy(key.getPrivate(), key.getPublic());
        return ProofBundles.withhold(ProofBundles.bundle(7, event(), Hashes.base64url(SALT), 1, tree, checkpoint), withhold);
    }

    @Test
    @SuppressWarnings("unchecked")
    void bundleWithholdingPersonalColumnsShowsOnlyTheirCommitmentsAndVerifies() {
        Map<String, Object> bundle = bundle(Set.of("actor_id", "client_address", "reason"));
        Map<String, Object> columns = (Map<String, Object>) bundle.get("columns");
        assertFalse(columns.containsKey("actor_id"));
        assertFalse(columns.containsKey("client_address"));
        assertTrue(columns.containsKey("reason"), "a NULL has nothing to withhold");
        assertEquals("42", columns.get("target_id"));
        assertEquals(Map.of("actor_id", Preimages.commitment(SALT, "attest_event", "actor_id", "alice"),
                        "client_address", Preimages.commitment(SALT, "attest_event", "client_address", "203.0.113.7")),
                bundle.get("withheld"));
        Report report = new Report();
        assertTrue(Proofs.verify(bundle, trusted, report), report.json());
        assertTrue(Proofs.verify(bundle(Set.of()), trusted, report), report.json());
        assertEquals(0, report.exitCode());
    }

    @Test
    @SuppressWarnings("unchecked")
    void changedCommitmentOrShownColumnOrWithheldClearColumnFails() {
        Map<String, Object> bundle = bundle(Set.of("actor_id"));
        Map<String, Object> forged = new TreeMap<>(bundle);
        forged.put("withheld", Map.of("actor_id", Preimages.commitment(SALT, "attest_event", "actor_id", "mallory")));
        Report report = new Report();
        assertFalse(Proofs.verify(forged, trusted, report));
        assertEquals("changed-event", report.findings().get(0).kind());

        // a clear column cannot pass as withheld: it would enter the leaf as a commitment, not as the sealed value
        Map<String, Object> hidden = new TreeMap<>(bundle);
        Map<String, Object> columns = new TreeMap<>((Map<String, Object>) bundle.get("columns"));
        String action = (String) columns.remove("action");
        hidden.put("columns", columns);
        hidden.put("withheld", Map.of("actor_id", ((Map<String, Object>) bundle.get("withheld")).get("actor_id"),
                "action", Preimages.commitment(SALT, "attest_event", "action", action)));
        report = new Report();
        assertFalse(Proofs.verify(hidden, trusted, report));
        assertEquals("unreadable-proof", report.findings().get(0).kind());

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> bundle(Set.of("outcome")));
        assertTrue(e.getMessage().startsWith("cannot withhold outcome"), e.getMessage());
    }
}
