package dev.attest.internal.seal;

import dev.attest.internal.integrity.Checkpoint;
import dev.attest.internal.integrity.TrustedKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The checkpoint file: a chain of signed lines, one per growth of the log, and an hourly heartbeat when idle. */
class SealerCheckpointTest {

    @TempDir
    Path dir;

    private Sealer sealer(KeyPair... keys) {
        List<SealSettings.SigningKey> signing = java.util.Arrays.stream(keys)
                .map(k -> new SealSettings.SigningKey("k", k.getPrivate(), k.getPublic())).toList();
        return new Sealer(new SealSettings(true, null, signing, dir.resolve("checkpoints.log"), Duration.ofSeconds(1),
                Duration.ofMinutes(10), Duration.ofSeconds(30), Duration.ofHours(1), 100, "test"), "node");
    }

    private static KeyPair key() throws Exception {
        return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    }

    @Test
    void eachGrowthAppendsAChainedSignedLineAndIdleRoundsOnlyAHeartbeat() throws Exception {
        KeyPair key = key();
        Sealer sealer = sealer(key);
        Instant t = Instant.parse("2026-11-30T10:00:00Z");
        assertNull(sealer.checkpoint(0, new byte[32], t), "an empty log needs no checkpoint");
        Checkpoint first = sealer.checkpoint(3, new byte[32], t);
        assertNotNull(first);
        assertNull(sealer.checkpoint(3, new byte[32], t.plusSeconds(60)), "idle: no new checkpoint within the hour");
        Checkpoint second = sealer.checkpoint(5, new byte[32], t.plusSeconds(61));
        assertEquals(first.hash(), second.previous());
        assertNull(sealer.checkpoint(4, new byte[32], t.plusSeconds(62)), "never a smaller log after a larger one");
        Checkpoint heartbeat = sealer.checkpoint(5, new byte[32], t.plusSeconds(61).plus(Duration.ofHours(1)));
        assertNotNull(heartbeat, "the hourly heartbeat");
        assertEquals(second.hash(), heartbeat.previous());

        List<String> lines = Files.readAllLines(dir.resolve("checkpoints.log"));
        assertEquals(3, lines.size());
        TrustedKeys trusted = TrustedKeys.parse(TrustedKeys.pem(key.getPublic()));
        assertTrue(lines.stream().map(Checkpoint::parse).allMatch(cp -> cp.signedBy(trusted)));
        assertEquals(heartbeat, Sealer.lastCheckpoint(dir.resolve("checkpoints.log")));
    }

    @Test
    void aCrashAfterSigningLeavesTheFileAsItWasAndTheNextRoundSignsAgain() throws Exception {
        Sealer sealer = sealer(key());
        Instant t = Instant.parse("2026-11-30T10:00:00Z");
        Checkpoint first = sealer.checkpoint(2, new byte[32], t);
        sealer.faultHook(point -> {
            if (point.equals(Sealer.AFTER_SIGNING)) {
                throw new IllegalStateException("killed");
            }
        });
        assertThrows(IllegalStateException.class, () -> sealer.checkpoint(4, new byte[32], t.plusSeconds(1)));
        assertEquals(first, Sealer.lastCheckpoint(dir.resolve("checkpoints.log")));
        sealer.faultHook(null);
        assertEquals(first.hash(), sealer.checkpoint(4, new byte[32], t.plusSeconds(2)).previous());
    }

    @Test
    void duringARotationEveryCheckpointCarriesBothSignatures() throws Exception {
        Checkpoint cp = sealer(key(), key()).checkpoint(1, new byte[32], Instant.now());
        assertEquals(2, cp.signatures().size());
    }
}
