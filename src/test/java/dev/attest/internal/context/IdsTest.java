package dev.attest.internal.context;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IdsTest {

    @Test
    void anIdIsAVersion7IetfUuidInItsUsualFormCarryingItsTime() {
        long now = System.currentTimeMillis();
        for (int i = 0; i < 1_000; i++) {
            String id = Ids.timeOrderedUuid(now);
            UUID uuid = UUID.fromString(id);
            assertEquals(36, id.length());
            assertEquals(7, uuid.version(), id);
            assertEquals(2, uuid.variant(), id);
            assertEquals(id, uuid.toString());
            assertEquals(now, uuid.getMostSignificantBits() >>> 16, id);
        }
    }

    @Test
    void idsOfLaterMillisecondsSortAfterEarlierOnesAsText() {
        List<String> ids = new ArrayList<>();
        long start = 1_700_000_000_000L;
        for (long millis = start; millis < start + 5_000; millis += 7) {
            ids.add(Ids.timeOrderedUuid(millis));
        }
        List<String> sorted = new ArrayList<>(ids);
        sorted.sort(null);
        assertEquals(ids, sorted);
    }

    @Test
    void idsOfOneMillisecondDoNotRepeat() {
        Set<String> seen = new HashSet<>();
        long now = System.currentTimeMillis();
        for (int i = 0; i < 100_000; i++) {
            assertTrue(seen.add(Ids.timeOrderedUuid(now)));
        }
    }
}
