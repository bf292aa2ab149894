package dev.attest.internal.web;

import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

class RequestIdsTest {

    /** Asserts {@code id} is a fresh time-ordered (version 7) UUID in its canonical form. */
    private static void assertFreshUuid(String id) {
        UUID uuid = UUID.fromString(id);
        assertEquals(uuid.toString(), id);
        assertEquals(7, uuid.version());
    }

    @Test
    void aWellFormedIdIsKept() {
        String id = "req-2024.03.01_node:7";
        assertSame(id, RequestIds.accept(id));
    }

    @Test
    void anIncomingUuidIsKept() {
        String id = "3f2b8c1e-9d4a-4b7e-8f10-2a6c5d9e0b11";
        assertSame(id, RequestIds.accept(id));
    }

    @Test
    void anIdOf128CharactersIsKept() {
        String id = "a".repeat(128);
        assertSame(id, RequestIds.accept(id));
    }

    @Test
    void anIdLongerThan128CharactersIsReplaced() {
        String replaced = RequestIds.accept("a".repeat(129));
        assertFreshUuid(replaced);
    }

    @Test
    void anIdWithCrLfIsReplaced() {
        assertFreshUuid(RequestIds.accept("abc\r\nSet-Cookie: session=stolen"));
    }

    @Test
    void anIdEndingInALineFeedIsReplaced() {
        assertFreshUuid(RequestIds.accept("abc\n"));
    }

    @Test
    void anIdWithSpacesIsReplaced() {
        assertFreshUuid(RequestIds.accept("abc def"));
    }

    @Test
    void anIdWithMarkupOrPathCharactersIsReplaced() {
        assertFreshUuid(RequestIds.accept("<script>"));
        assertFreshUuid(RequestIds.accept("../etc/passwd"));
        assertFreshUuid(RequestIds.accept("a;b"));
    }

    @Test
    void anIdWithNonAsciiLettersIsReplaced() {
        assertFreshUuid(RequestIds.accept("grüße"));
        assertFreshUuid(RequestIds.accept("abc\u202e"));
    }

    @Test
    void aMissingIdIsReplaced() {
        assertFreshUuid(RequestIds.accept(null));
    }

    @Test
    void anEmptyIdIsReplaced() {
        assertFreshUuid(RequestIds.accept(""));
    }

    @Test
    void everyReplacementIsANewId() {
        assertNotEquals(RequestIds.accept(null), RequestIds.accept(null));
    }
}
