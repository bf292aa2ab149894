package dev.attest.internal.integrity;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An erased row keeps its leaf hash without its salt, and reveals neither the erased value nor the salt. */
class ErasedRowTest {

    private static final byte[] SALT = PreimagesTest.SALT;
    private static final String T = Preimages.EVENT_TABLE;

    private static ErasedRow erasedActor(Map<String, String> row) {
        return ErasedRow.under(SALT).erased(T, "actor_id", row.get("actor_id")).erased(T, "details", row.get("details"))
                .kept(T, "target_id").kept(T, "client_address").build();
    }

    private static Map<String, String> withErasedValues(Map<String, String> row) {
        Map<String, String> after = new TreeMap<>(row);
        after.put("actor_id", "[erased]");
        after.put("details", "{\"erased\":true}");
        return after;
    }

    @Test
    void theLeafHashOfAnErasedEventIsTheSealedOne() {
        Map<String, String> row = PreimagesTest.event();
        byte[] sealed = Merkle.leafHash(Preimages.event(7, row, SALT));
        ErasedRow kept = ErasedRow.parse(erasedActor(row).json());
        assertArrayEquals(sealed, Merkle.leafHash(Preimages.event(7, withErasedValues(row), kept.committer())));
    }

    @Test
    void aValueThatStaysIsStillCheckedAfterTheErasure() {
        Map<String, String> row = PreimagesTest.event();
        byte[] sealed = Merkle.leafHash(Preimages.event(7, row, SALT));
        Map<String, String> tampered = withErasedValues(row);
        tampered.put("target_id", "43");
        assertFalse(java.util.Arrays.equals(sealed,
                Merkle.leafHash(Preimages.event(7, tampered, erasedActor(row).committer()))));
    }

    @Test
    void theStoredEntriesHoldNeitherTheErasedValueNorTheSalt() {
        String json = erasedActor(PreimagesTest.event()).json();
        assertFalse(json.contains("alice"));
        assertFalse(json.contains(Hashes.base64url(SALT)));
        assertTrue(json.contains("\"attest_event.actor_id\":\"hmac-sha256:"));
        assertTrue(json.contains("\"attest_event.target_id\":\"key:"));
    }

    @Test
    void aSecondErasureOfTheSameRowTurnsAKeptColumnIntoACommitment() {
        Map<String, String> row = PreimagesTest.event();
        byte[] sealed = Merkle.leafHash(Preimages.event(7, row, SALT));
        ErasedRow second = erasedActor(row).rebuild().erased(T, "target_id", "42").build();
        Map<String, String> after = withErasedValues(row);
        after.put("target_id", "[erased]");
        assertArrayEquals(sealed, Merkle.leafHash(Preimages.event(7, after, second.committer())));
        assertFalse(second.json().contains("\"attest_event.target_id\":\"key:"));
    }

    @Test
    void leafRangesRoundTrip() {
        assertEquals("0-2,5,7-8", LeafRanges.format(List.of(0L, 1L, 2L, 5L, 7L, 8L)));
        List<Long> back = new java.util.ArrayList<>();
        LeafRanges.forEach("0-2,5,7-8", back::add);
        assertEquals(List.of(0L, 1L, 2L, 5L, 7L, 8L), back);
    }
}
