package dev.attest.internal.capture;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.attest.Redacted;
import dev.attest.internal.config.AttestConfig;
import dev.attest.internal.config.MapConfig;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DetailsWriterTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final DetailsWriter writer = writer(Map.of());

    private static DetailsWriter writer(Map<String, String> settings) {
        AttestConfig config = new AttestConfig();
        config.load(new MapConfig(settings));
        DetailsWriter writer = new DetailsWriter();
        writer.config = config;
        writer.entities = new Entities();
        writer.init();
        return writer;
    }

    /** An insertion-ordered map of alternating keys and values. */
    private static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }

    record Card(String holder, @Redacted String number) {
    }

    public static class Account {
        public String getOwner() {
            return "Ann Lee";
        }

        @Redacted
        public String getIban() {
            return "DE89370400440532013000";
        }
    }

    public static class Login {
        public String user = "ann";
        @Redacted
        public String secretAnswer = "Rex";
    }

    public static class Exploding {
        public String getState() {
            throw new IllegalStateException("not loaded");
        }
    }

    public static class Link {
        public Link next;
    }

    @Test
    void noDetailsRenderAsNothing() {
        assertNull(writer.render(null));
        assertNull(writer.render(Map.of()));
    }

    @Test
    void plainValuesRenderAsJson() {
        assertEquals("{\"invoiceId\":42,\"approved\":true,\"comment\":\"ok\",\"tags\":[\"a\",\"b\"],\"none\":null}",
                writer.render(map("invoiceId", 42L, "approved", true, "comment", "ok", "tags", List.of("a", "b"),
                        "none", null)));
    }

    @Test
    void decimalsKeepTheirScaleAndNeverTurnScientific() {
        assertEquals("{\"amount\":1200.00,\"rate\":0.000001}",
                writer.render(map("amount", new java.math.BigDecimal("1200.00"), "rate", new java.math.BigDecimal("0.000001"))));
    }

    @Test
    void aSensitiveKeyIsMasked() {
        assertEquals("{\"user\":\"ann\",\"password\":\"***REDACTED***\"}",
                writer.render(map("user", "ann", "password", "hunter2")));
    }

    @Test
    void sensitiveKeysAreMaskedAtAnyDepth() {
        Map<String, Object> request = map("user", "ann", "Password", "hunter2",
                "items", List.of(map("sku", "A-1", "apiKey", "k-123")));
        assertEquals("{\"request\":{\"user\":\"ann\",\"Password\":\"***REDACTED***\","
                        + "\"items\":[{\"sku\":\"A-1\",\"apiKey\":\"***REDACTED***\"}]}}",
                writer.render(map("request", request)));
    }

    @Test
    void aSensitiveKeyMasksAWholeObject() {
        assertEquals("{\"credentials\":\"***REDACTED***\"}",
                writer.render(map("credentials", map("user", "ann", "hash", "abc"))));
    }

    @Test
    void aSensitiveKeyWithoutAValueStaysNull() {
        assertEquals("{\"token\":null}", writer.render(map("token", null)));
    }

    @Test
    void sensitiveKeysInsideAJsonTreeAreMaskedToo() {
        assertEquals("{\"payload\":{\"session\":\"***REDACTED***\",\"n\":1}}",
                writer.render(map("payload", json("{\"session\":\"abc\",\"n\":1}"))));
    }

    @Test
    void aNameIsSensitiveWhenItContainsAConfiguredFragmentInAnyCase() {
        assertTrue(writer.isSensitive("X-Api-Key"));
        assertTrue(writer.isSensitive("newPassword"));
        assertTrue(writer.isSensitive("AUTHORIZATION"));
        assertFalse(writer.isSensitive("username"));
    }

    @Test
    void configuredSensitiveNamesReplaceTheDefaults() {
        DetailsWriter ibanOnly = writer(Map.of(AttestConfig.SENSITIVE_NAMES, "IBAN"));
        assertEquals("{\"iban\":\"***REDACTED***\",\"password\":\"hunter2\"}",
                ibanOnly.render(map("iban", "DE89370400440532013000", "password", "hunter2")));
    }

    @Test
    void aRedactedRecordComponentIsMasked() {
        assertEquals("{\"card\":{\"holder\":\"Ann Lee\",\"number\":\"***REDACTED***\"}}",
                writer.render(map("card", new Card("Ann Lee", "4111111111111111"))));
    }

    @Test
    void aRedactedRecordComponentWithoutAValueStaysNull() {
        assertEquals("{\"card\":{\"holder\":\"Ann Lee\",\"number\":null}}",
                writer.render(map("card", new Card("Ann Lee", null))));
    }

    @Test
    void aRedactedGetterIsMasked() {
        assertEquals("{\"account\":{\"owner\":\"Ann Lee\",\"iban\":\"***REDACTED***\"}}",
                writer.render(map("account", new Account())));
    }

    @Test
    void aRedactedFieldIsMasked() {
        assertEquals("{\"login\":{\"user\":\"ann\",\"secretAnswer\":\"***REDACTED***\"}}",
                writer.render(map("login", new Login())));
    }

    @Test
    void redactedMembersAreMaskedInsideCollections() {
        assertEquals("{\"cards\":[{\"holder\":\"A\",\"number\":\"***REDACTED***\"},"
                        + "{\"holder\":\"B\",\"number\":\"***REDACTED***\"}]}",
                writer.render(map("cards", List.of(new Card("A", "4111"), new Card("B", "5500")))));
    }

    @Test
    void aValueWhoseGetterThrowsIsRecordedByItsClassName() {
        assertEquals("{\"subject\":{\"unserializable\":\"dev.attest.internal.capture.DetailsWriterTest$Exploding\"},\"n\":1}",
                writer.render(map("subject", new Exploding(), "n", 1)));
    }

    @Test
    void aCyclicValueIsRecordedByItsClassName() {
        Link first = new Link();
        Link second = new Link();
        first.next = second;
        second.next = first;
        assertEquals(json("{\"unserializable\":\"dev.attest.internal.capture.DetailsWriterTest$Link\"}"), writer.tree(first));
    }

    @Test
    void treeOfNullIsJsonNull() {
        assertEquals(NullNode.getInstance(), writer.tree(null));
    }

    @Test
    void controlAndBidiCharactersInStringsAreNeutralised() {
        JsonNode rendered = json(writer.render(map("comment", "line1\nline2\u202eexe.pdf")));
        assertEquals("line1\\nline2\\u202eexe.pdf", rendered.get("comment").textValue());
    }

    @Test
    void stringsInsideObjectsAndArraysAreNeutralised() {
        JsonNode rendered = json(writer.render(map("card", new Card("Ann\r\nLee", "x"), "tags", List.of("a\tb"))));
        assertEquals("Ann\\r\\nLee", rendered.get("card").get("holder").textValue());
        assertEquals("a\\tb", rendered.get("tags").get(0).textValue());
    }

    @Test
    void keysOfNestedMapsAreNeutralised() {
        JsonNode rendered = json(writer.render(map("form", map("na\u202eme", "v", "a\nb", "w"))));
        assertEquals(json("{\"form\":{\"na\\\\u202eme\":\"v\",\"a\\\\nb\":\"w\"}}"), rendered);
    }

    @Test
    void stringsAreBoundedToTheMaxValueLength() {
        DetailsWriter short16 = writer(Map.of(AttestConfig.MAX_VALUE_LENGTH, "16"));
        assertEquals("{\"comment\":\"xxxx…[truncated]\",\"tags\":[\"yyyy…[truncated]\"]}",
                short16.render(map("comment", "x".repeat(40), "tags", List.of("y".repeat(40)))));
    }

    @Test
    void aStringAtTheMaxValueLengthIsKeptWhole() {
        DetailsWriter short16 = writer(Map.of(AttestConfig.MAX_VALUE_LENGTH, "16"));
        assertEquals("{\"comment\":\"" + "x".repeat(16) + "\"}", short16.render(map("comment", "x".repeat(16))));
    }

    @Test
    void numbersAndBooleansAreNotBounded() {
        DetailsWriter short16 = writer(Map.of(AttestConfig.MAX_VALUE_LENGTH, "16"));
        assertEquals("{\"n\":12345678901234567890,\"ok\":false}",
                short16.render(map("n", new java.math.BigInteger("12345678901234567890"), "ok", false)));
    }

    @Test
    void detailsLongerThanTheMaxBecomeAValidTruncatedPreview() {
        Map<String, Object> details = new LinkedHashMap<>();
        for (int i = 10; i < 40; i++) {
            details.put("k" + i, "value-" + i);
        }
        String full = writer.render(details);
        String bounded = writer(Map.of(AttestConfig.MAX_DETAILS_LENGTH, "256")).render(details);

        assertTrue(full.length() > 256);
        assertTrue(bounded.length() <= 256, bounded);
        assertEquals(JsonNodeFactory.instance.objectNode().put("truncated", full.substring(0, 116) + Text.TRUNCATED),
                json(bounded));
    }

    @Test
    void thePreviewShrinksUntilItsEscapedFormFits() {
        // every quote is two characters in the JSON and four once that JSON is itself a string value
        Map<String, Object> details = map("q", "\"".repeat(200));
        String full = writer.render(details);
        String bounded = writer(Map.of(AttestConfig.MAX_DETAILS_LENGTH, "256")).render(details);

        assertTrue(bounded.length() <= 256, bounded);
        assertEquals(JsonNodeFactory.instance.objectNode().put("truncated", full.substring(0, 52) + Text.TRUNCATED),
                json(bounded));
    }

    @Test
    void detailsWithinTheMaxAreKeptWhole() {
        Map<String, Object> details = map("comment", "y".repeat(200));
        String rendered = writer(Map.of(AttestConfig.MAX_DETAILS_LENGTH, "256")).render(details);
        assertEquals("{\"comment\":\"" + "y".repeat(200) + "\"}", rendered);
    }

    @Test
    void instantsAreIsoStrings() {
        assertEquals("{\"at\":\"2024-03-01T10:15:30Z\"}",
                writer.render(map("at", Instant.parse("2024-03-01T10:15:30Z"))));
    }

    @Test
    void localDatesTimesAndDateTimesAreIsoStrings() {
        assertEquals("{\"day\":\"2024-03-01\",\"time\":\"10:15:30\",\"local\":\"2024-03-01T10:15:30\"}",
                writer.render(map("day", LocalDate.of(2024, 3, 1), "time", LocalTime.of(10, 15, 30),
                        "local", LocalDateTime.of(2024, 3, 1, 10, 15, 30))));
    }

    @Test
    void offsetDateTimesAreIsoStringsWithTheirOffset() {
        assertEquals("{\"at\":\"2024-03-01T10:15:30+01:00\"}",
                writer.render(map("at", OffsetDateTime.of(2024, 3, 1, 10, 15, 30, 0, ZoneOffset.ofHours(1)))));
    }

    @Test
    void durationsAreIsoStrings() {
        assertEquals("{\"took\":\"PT1H30M\"}", writer.render(map("took", Duration.ofMinutes(90))));
    }

    @Test
    void javaTimeValuesInsideRecordsAreIsoStrings() {
        record Booking(String room, LocalDate day) {
        }
        assertEquals("{\"booking\":{\"room\":\"B1\",\"day\":\"2024-03-01\"}}",
                writer.render(map("booking", new Booking("B1", LocalDate.of(2024, 3, 1)))));
    }

    @Test
    void argumentsRenderAsTheObjectOfTheirNamesWithMaskedOnesHidden() {
        Arguments arguments = new Arguments(new String[] {"invoiceId", "amount", "comment", "pin", "card", "none"},
                new boolean[] {false, false, false, true, false, false},
                new Object[] {42L, new java.math.BigDecimal("1.10"), "line\nbreak", "1234",
                        new Card("Ann Lee", "4111"), null});
        assertEquals("{\"arguments\":{\"invoiceId\":42,\"amount\":1.10,\"comment\":\"line\\\\nbreak\","
                        + "\"pin\":\"***REDACTED***\",\"card\":{\"holder\":\"Ann Lee\",\"number\":\"***REDACTED***\"},"
                        + "\"none\":null}}",
                writer.render(map("arguments", arguments)));
    }

    @Test
    void argumentsRenderAsTheSameValuesInAMapWould() {
        Object[] values = {7, (short) 3, (byte) 1, 9_000_000_000L, true, new java.math.BigDecimal("1E+3"), "\u202eevil",
                List.of("a", "b\tc"), map("apiKey", "k", "n", 1), LocalDate.of(2024, 3, 1), new Account()};
        String[] names = new String[values.length];
        Map<String, Object> same = new LinkedHashMap<>();
        for (int i = 0; i < values.length; i++) {
            names[i] = "p" + i;
            same.put(names[i], values[i]);
        }
        assertEquals(writer.render(map("arguments", same)),
                writer.render(map("arguments", new Arguments(names, new boolean[values.length], values))));
    }

    @Test
    void argumentsWhoseNamesNeedNeutralisingAreRenderedThroughTheTree() {
        Arguments arguments = new Arguments(new String[] {"a\nb", "a\\nb"}, new boolean[2], new Object[] {1, 2});
        assertEquals(writer.render(map("arguments", map("a\nb", 1, "a\\nb", 2))), writer.render(map("arguments", arguments)));
        assertEquals("{\"arguments\":{\"a\\\\nb\":2}}", writer.render(map("arguments", arguments)),
                "names equal once neutralised: the later one wins, as in any JSON object Attest writes");
    }

    @Test
    void aSensitiveNameIsRecognisedEveryTimeItComesBack() {
        for (int i = 0; i < 3; i++) {
            assertEquals("{\"password\":\"***REDACTED***\",\"user\":\"ann\"}",
                    writer.render(map("password", "hunter2", "user", "ann")));
        }
    }

    @Test
    void plainValuesAreWrittenExactlyAsJacksonWritesThem() throws JsonProcessingException {
        ObjectMapper jackson = new ObjectMapper().enable(com.fasterxml.jackson.core.JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
        List<Object> values = List.of("say \"hi\"", "back\\slash", "tab\there", "\u0001\u001f\u007f", "caf\u00e9 \ud83d\ude00",
                "\u2028", "a/b", "<script>", Long.MIN_VALUE, Integer.MAX_VALUE, (short) -7, (byte) 8, true, false,
                new java.math.BigDecimal("-0.00"), new java.math.BigDecimal("12345678901234567890.123456789"),
                new java.math.BigDecimal("1E+30"), new java.math.BigDecimal("1E-30"));
        AttestConfig defaults = new AttestConfig();
        defaults.load(new MapConfig(Map.of()));
        for (Object value : values) {
            Object expected = value instanceof String text ? Text.clean(text, defaults.maxValueLength()) : value;
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("k\"ey\\", expected);
            assertEquals(jackson.writeValueAsString(one), writer.render(map("k\"ey\\", value)), String.valueOf(value));
        }
    }
}
