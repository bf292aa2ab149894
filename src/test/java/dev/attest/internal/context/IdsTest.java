package dev.attest.internal.context;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IdsTest {

    @Test
    void aRandomUuidIsAVersion4IetfUuidInItsUsualForm() {
        for (int i = 0; i < 1_000; i++) {
            String id = Ids.randomUuid();
            UUID uuid = UUID.fromString(id);
            assertEquals(36, id.length());
            assertEquals(4, uuid.version(), id);
            assertEquals(2, uuid.variant(), id);
            assertEquals(id, uuid.toString());
        }
    }

    @Test
    void randomUuidsDoNotRepeat() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 100_000; i++) {
            assertTrue(seen.add(Ids.randomUuid()));
        }
    }
}
