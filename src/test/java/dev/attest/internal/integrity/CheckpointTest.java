package dev.attest.internal.integrity;

import org.junit.jupiter.api.Test;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Signed checkpoints: Ed25519 and ECDSA P-256 from the JDK, the chain hash, rotation with two keys. */
class CheckpointTest {

    static KeyPair ed25519() throws Exception {
        return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    }

    static Checkpoint unsigned() {
        return Checkpoint.of("attest", 8, Hashes.unhex(MerkleTest.ROOTS[7]), Instant.parse("2026-11-30T22:55:02Z"), null);
    }

    @Test
    void signatureVerifiesUnderTheTrustedKeyOnly() throws Exception {
        KeyPair key = ed25519();
        KeyPair other = ed25519();
        Checkpoint signed = unsigned().signedBy(key.getPrivate(), key.getPublic());
        assertTrue(signed.signedBy(TrustedKeys.parse(TrustedKeys.pem(key.getPublic()))));
        assertFalse(signed.signedBy(TrustedKeys.parse(TrustedKeys.pem(other.getPublic()))));
        Checkpoint parsed = Checkpoint.parse(signed.json());
        assertEquals(signed, parsed);
        assertTrue(parsed.signedBy(TrustedKeys.parse(TrustedKeys.pem(key.getPublic()))));
    }

    @Test
    void anyChangedFieldBreaksTheSignature() throws Exception {
        KeyPair key = ed25519();
        TrustedKeys trusted = TrustedKeys.parse(TrustedKeys.pem(key.getPublic()));
        Checkpoint s = unsigned().signedBy(key.getPrivate(), key.getPublic());
        assertFalse(new Checkpoint(s.origin(), 9, s.root(), s.time(), s.previous(), s.signatures()).signedBy(trusted));
        assertFalse(new Checkpoint(s.origin(), 8, MerkleTest.ROOTS[6], s.time(), s.previous(), s.signatures()).signedBy(trusted));
        assertFalse(new Checkpoint(s.origin(), 8, s.root(), s.time(), "00", s.signatures()).signedBy(trusted));
        assertFalse(new Checkpoint("other", 8, s.root(), s.time(), s.previous(), s.signatures()).signedBy(trusted));
    }

    @Test
    void theChainNamesTheHashOfTheSignedBody() throws Exception {
        KeyPair key = ed25519();
        Checkpoint first = unsigned().signedBy(key.getPrivate(), key.getPublic());
        assertEquals(Hashes.hex(Hashes.sha256(first.body())), first.hash());
        assertEquals(unsigned().hash(), first.hash(), "signatures are not part of the chained hash");
        assertEquals("{\"origin\":\"attest\",\"previous\":null,\"root\":\"" + MerkleTest.ROOTS[7]
                + "\",\"size\":8,\"time\":\"2026-11-30T22:55:02Z\",\"v\":1}", new String(first.body()));
        Checkpoint second = Checkpoint.of("attest", 9, new byte[32], Instant.now(), first.hash());
        assertNotEquals(first.hash(), second.hash());
    }

    @Test
    void duringARotationEitherKeyVerifies() throws Exception {
        KeyPair old = ed25519();
        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
        ec.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair p256 = ec.generateKeyPair();
        Checkpoint both = unsigned().signedBy(old.getPrivate(), old.getPublic()).signedBy(p256.getPrivate(), p256.getPublic());
        assertEquals(2, both.signatures().size());
        assertEquals("SHA256withECDSA", both.signatures().get(1).alg());
        assertTrue(both.signedBy(TrustedKeys.parse(TrustedKeys.pem(old.getPublic()))));
        assertTrue(both.signedBy(TrustedKeys.parse(TrustedKeys.pem(p256.getPublic()))));
    }

    @Test
    void aTrustedKeysFileWithoutKeysIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> TrustedKeys.parse("no keys here"));
    }
}
