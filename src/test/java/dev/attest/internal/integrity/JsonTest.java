package dev.attest.internal.integrity;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** RFC 8785 (JCS) output for the subset the log uses. */
class JsonTest {

    @Test
    void keysAreSortedByUtf16CodeUnitsAsInRfc8785() {
        // RFC 8785 section 3.2.3
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("\u20ac", "Euro Sign");
        m.put("\r", "Carriage Return");
        m.put("\ufb33", "Hebrew Letter Dalet With Dagesh");
        m.put("1", "One");
        m.put("\ud83d\ude00", "Emoji: Grinning Face");
        m.put("\u0080", "Control");
        m.put("\u00f6", "Latin Small Letter O With Diaeresis");
        assertEquals("{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\u0080\":\"Control\","
                + "\"\u00f6\":\"Latin Small Letter O With Diaeresis\",\"\u20ac\":\"Euro Sign\","
                + "\"\ud83d\ude00\":\"Emoji: Grinning Face\",\"\ufb33\":\"Hebrew Letter Dalet With Dagesh\"}",
                Json.canonical(m));
    }

    @Test
    void stringsAreEscapedAsEcmaScriptDoes() {
        assertEquals("\"\\u000f\\n\\\"\\\\/\u2028\\b\\f\\t\\r\\u001f\"", Json.canonical("\u000f\n\"\\/\u2028\b\f\t\r\u001f"));
    }

    @Test
    void nestedValuesHaveNoWhiteSpace() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("b", Arrays.asList("x", null, 3L, true));
        m.put("a", Map.of());
        assertEquals("{\"a\":{},\"b\":[\"x\",null,3,true]}", Json.canonical(m));
    }

    @Test
    void parsesWhatItWrites() {
        String text = "{\"a\":[1,-2,\"\\u00e9\\n\"],\"b\":null,\"c\":{\"d\":false}}";
        assertEquals(text.replace("\\u00e9", "\u00e9"), Json.canonical(Json.parse(text)));
    }

    @Test
    void readsEveryJsonNumberOfAnExportLine() {
        // an export line's details hold the application's own numbers: decimals and exponents too
        @SuppressWarnings("unchecked")
        Map<String, Object> line = (Map<String, Object>) Json.parse("{\"amount\":150.0,\"rate\":-1.5E-3,\"n\":7,\"big\":2e+2}");
        assertEquals(new java.math.BigDecimal("150.0"), line.get("amount"));
        assertEquals(new java.math.BigDecimal("-1.5E-3"), line.get("rate"));
        assertEquals(7L, line.get("n"));
        assertEquals(new java.math.BigDecimal("2e+2"), line.get("big"));
        assertThrows(IllegalArgumentException.class, () -> Json.parse("{\"a\":1.}"));
        assertThrows(IllegalArgumentException.class, () -> Json.parse("{\"a\":1e}"));
        assertThrows(IllegalArgumentException.class, () -> Json.parse("{\"a\":-}"));
    }

    @Test
    void refusesWhatItCannotEncode() {
        assertThrows(IllegalArgumentException.class, () -> Json.canonical(1.5));
        assertThrows(IllegalArgumentException.class, () -> Json.parse("{\"a\":1} x"));
    }
}
