package dev.attest.internal.capture;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TextTest {

    private static final String EMOJI = "\uD83D\uDE00"; // U+1F600, one surrogate pair

    @Test
    void carriageReturnLineFeedAndTabBecomeVisibleEscapes() {
        assertEquals("a\\r\\nb\\tc", Text.neutralise("a\r\nb\tc"));
    }

    @Test
    void aForgedLogLineStaysOnTheSameLine() {
        assertEquals("bob\\n2024-01-01 INFO login user=admin outcome=SUCCESS",
                Text.neutralise("bob\n2024-01-01 INFO login user=admin outcome=SUCCESS"));
    }

    @Test
    void otherC0ControlsBecomeUnicodeEscapes() {
        assertEquals("\\u0000\\u0007\\u0008\\u001b[31mred\\u001f",
                Text.neutralise("\u0000\u0007\u0008\u001b[31mred\u001f"));
    }

    @Test
    void deleteAndC1ControlsBecomeUnicodeEscapes() {
        assertEquals("\\u007f\\u0080\\u0085\\u009b\\u009f", Text.neutralise("\u007f\u0080\u0085\u009b\u009f"));
    }

    @Test
    void bidiEmbeddingsAndOverridesBecomeUnicodeEscapes() {
        assertEquals("\\u202a\\u202b\\u202c\\u202d\\u202e", Text.neutralise("\u202a\u202b\u202c\u202d\u202e"));
    }

    @Test
    void bidiIsolatesBecomeUnicodeEscapes() {
        assertEquals("\\u2066\\u2067\\u2068\\u2069", Text.neutralise("\u2066\u2067\u2068\u2069"));
    }

    @Test
    void bidiMarksBecomeUnicodeEscapes() {
        assertEquals("\\u200e\\u200f\\u061c", Text.neutralise("\u200e\u200f\u061c"));
    }

    @Test
    void lineAndParagraphSeparatorsBecomeUnicodeEscapes() {
        assertEquals("a\\u2028b\\u2029c", Text.neutralise("a\u2028b\u2029c"));
    }

    @Test
    void aRightToLeftOverrideCannotDisguiseAFileName() {
        assertEquals("invoice\\u202egpj.exe", Text.neutralise("invoice\u202Egpj.exe"));
    }

    @Test
    void safeTextIsReturnedAsTheSameInstance() {
        String safe = "Grüße aus 東京, naïve café " + EMOJI + " – \"quoted\" \\ backslash";
        assertSame(safe, Text.neutralise(safe));
        assertSame(safe, Text.clean(safe, 1000));
    }

    @Test
    void charactersNextToTheUnsafeRangesAreKept() {
        String neighbours = " ~\u00a0\u061b\u061d\u200d\u2027\u202f\u2065\u206a";
        assertSame(neighbours, Text.neutralise(neighbours));
    }

    @Test
    void emptyTextStaysEmpty() {
        assertSame("", Text.neutralise(""));
        assertSame("", Text.clean("", 16));
    }

    @Test
    void nullStaysNull() {
        assertNull(Text.clean(null, 16));
        assertNull(Text.bound(null, 16));
    }

    @Test
    void textWithinTheLimitIsReturnedAsTheSameInstance() {
        String value = "exactly sixteen!";
        assertSame(value, Text.bound(value, 16));
    }

    @Test
    void longerTextIsCutAndEndsWithTheMarker() {
        assertEquals("abcdefgh…[truncated]", Text.bound("abcdefghijklmnopqrstuvwxyz", 20));
    }

    @Test
    void cutTextFillsExactlyMax() {
        assertEquals(20, Text.bound("x".repeat(100), 20).length());
    }

    @Test
    void aCutThatWouldSplitASurrogatePairKeepsTheWholePairOut() {
        // the cut falls at index 8, between the two halves of the emoji at 7 and 8
        assertEquals("aaaaaaa…[truncated]", Text.bound("aaaaaaa" + EMOJI + "bbbbbbbbbbbb", 20));
    }

    @Test
    void aCutRightAfterASurrogatePairKeepsThePair() {
        assertEquals("aaaaaa" + EMOJI + "…[truncated]", Text.bound("aaaaaa" + EMOJI + "bbbbbbbbbbbbb", 20));
    }

    @Test
    void escapesCountTowardsTheBound() {
        assertEquals("\\n\\n…[truncated]", Text.clean("\n".repeat(10), 16));
    }

    @Test
    void cleanNeutralisesAndBounds() {
        assertEquals("a\\u202eb…[truncated]", Text.clean("a\u202eb" + "c".repeat(50), 20));
    }

    @Test
    void aMaxSmallerThanTheMarkerKeepsOnlyAsMuchOfTheMarkerAsFits() {
        assertEquals("…[tru", Text.bound("abcdefghijklmnop", 5));
        assertEquals("", Text.bound("abc", 0));
    }

    @Test
    void theResultNeverExceedsMaxNorEndsInHalfASurrogatePair() {
        List<String> samples = List.of(
                "plain ascii text that is rather long for a column",
                EMOJI.repeat(30),
                "a" + EMOJI.repeat(30),
                "\r\n\t\u202e\u0000".repeat(10),
                "mixed " + EMOJI + " \n text \u2066 with " + EMOJI + EMOJI + " everything \u0085".repeat(3));
        for (String sample : samples) {
            for (int max = 0; max <= 80; max++) {
                String cleaned = Text.clean(sample, max);
                assertTrue(cleaned.length() <= max, () -> cleaned + " is longer than the bound");
                String beforeMarker = cleaned.endsWith(Text.TRUNCATED)
                        ? cleaned.substring(0, cleaned.length() - Text.TRUNCATED.length()) : cleaned;
                assertFalse(!beforeMarker.isEmpty() && Character.isHighSurrogate(beforeMarker.charAt(beforeMarker.length() - 1)),
                        () -> "'" + cleaned + "' ends in half a surrogate pair");
            }
        }
    }
}
