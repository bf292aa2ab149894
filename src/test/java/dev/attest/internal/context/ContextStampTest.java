package dev.attest.internal.context;

import dev.attest.Actor;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Stamped context comes from outside: every value is checked before any of it is believed. */
class ContextStampTest {

    private static final Scope BASE = new Scope(null, null, null, null);

    private static Scope read(String... keysAndValues) {
        Map<String, String> properties = new HashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            properties.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return ContextStamp.read(properties::get, BASE);
    }

    @Test
    void wellFormedStampGivesActorReasonAndCorrelationId() {
        Scope scope = read(ContextStamp.ACTOR_TYPE, "USER", ContextStamp.ACTOR_ID, "dora",
                ContextStamp.ON_BEHALF_OF_TYPE, "USER", ContextStamp.ON_BEHALF_OF_ID, "customer-42",
                ContextStamp.CORRELATION_ID, "3f2c9a10-0b7d-4c55-9a0e-2f1f6d2d1e77", ContextStamp.REASON, "ticket OPS-3");

        assertEquals(Actor.user("dora").onBehalfOf(Actor.user("customer-42")), scope.actor());
        assertEquals("3f2c9a10-0b7d-4c55-9a0e-2f1f6d2d1e77", scope.correlationId());
        assertEquals("ticket OPS-3", scope.reason());
    }

    @Test
    void overlongOrMalformedCorrelationIdIsDroppedAndTheRestKept() {
        for (String bad : new String[] {"c".repeat(65), "", "a b", "x'); drop table attest_event; --", "id\nforged"}) {
            Scope scope = read(ContextStamp.ACTOR_TYPE, "USER", ContextStamp.ACTOR_ID, "dora", ContextStamp.CORRELATION_ID, bad);

            assertNull(scope.correlationId(), bad);
            assertEquals(Actor.user("dora"), scope.actor());
        }
        assertEquals("c".repeat(64), read(ContextStamp.ACTOR_TYPE, "USER", ContextStamp.ACTOR_ID, "dora",
                ContextStamp.CORRELATION_ID, "c".repeat(64)).correlationId());
    }

    @Test
    void malformedActorMakesTheWholeStampInvalid() {
        assertNull(read(ContextStamp.ACTOR_TYPE, "ROOT", ContextStamp.ACTOR_ID, "mallory"));
        assertNull(read(ContextStamp.ACTOR_TYPE, "USER", ContextStamp.ACTOR_ID, "m".repeat(256)));
        assertNull(read(ContextStamp.ACTOR_TYPE, "USER", ContextStamp.ACTOR_ID, " "));
        assertNull(read(ContextStamp.ACTOR_TYPE, "USER", ContextStamp.ACTOR_ID, "mallory\nUSER:admin"));
        assertNull(read(ContextStamp.ACTOR_TYPE, "USER", ContextStamp.ACTOR_ID, "dora", ContextStamp.ON_BEHALF_OF_ID, "x"));
        assertNull(read(ContextStamp.ACTOR_TYPE, "USER", ContextStamp.ACTOR_ID, "dora",
                ContextStamp.ON_BEHALF_OF_TYPE, "GOD", ContextStamp.ON_BEHALF_OF_ID, "x"));
        assertNull(read(ContextStamp.ACTOR_ID, "dora"));
    }

    @Test
    void reasonIsNeutralisedAndBounded() {
        Scope scope = read(ContextStamp.ACTOR_TYPE, "USER", ContextStamp.ACTOR_ID, "dora",
                ContextStamp.REASON, "line\n" + "r".repeat(5000));

        assertTrue(scope.reason().length() <= ContextStamp.MAX_REASON, String.valueOf(scope.reason().length()));
        assertTrue(scope.reason().startsWith("line\\n"), scope.reason().substring(0, 10));
    }

    @Test
    void textCarriesActorReasonAndCorrelationIdAndReadsBackAsTheyWere() {
        Scope scope = new Scope(Actor.user("dora & co=1").onBehalfOf(Actor.user("customer-42")), "ticket OPS-3: 50% & more",
                "3f2c9a10-0b7d", null);

        assertEquals(scope, ContextStamp.fromText(ContextStamp.text(scope), BASE));
        Scope reasonOnly = BASE.withReason("why").withCorrelationId("c-1");
        assertEquals(reasonOnly, ContextStamp.fromText(ContextStamp.text(reasonOnly), BASE));
        assertNull(ContextStamp.text(BASE));
    }

    @Test
    void textIsUrlEncodedOnlyWhereEncodingChangesAValue() {
        Scope scope = new Scope(Actor.user("dora.k_2-x*"), "50% & more é", "3f2c9a10-0b7d", null);

        assertEquals("attestActorType=USER&attestActorId=dora.k_2-x*&attestCorrelationId=3f2c9a10-0b7d"
                + "&attestReason=" + URLEncoder.encode("50% & more é", StandardCharsets.UTF_8), ContextStamp.text(scope));
        assertEquals("attestCorrelationId=c%3A1", ContextStamp.text(BASE.withCorrelationId("c:1")));
    }

    @Test
    void textIsBoundedAndCheckedAsAnyStamp() {
        Scope longReason = BASE.withActor(Actor.user("dora")).withReason("r\n".repeat(5000));
        String text = ContextStamp.text(longReason);

        assertTrue(text.length() < ContextStamp.MAX_TEXT, "length " + text.length());
        assertEquals(ContextStamp.MAX_REASON, ContextStamp.fromText(text, BASE).reason().length());
        assertNull(ContextStamp.fromText("attestActorType=ROOT&attestActorId=mallory", BASE));
        assertNull(ContextStamp.fromText("attestActorId=mallory", BASE));
        assertNull(ContextStamp.fromText("attestOnBehalfOfId=mallory&attestReason=x", BASE));
        assertNull(ContextStamp.fromText("no pairs", BASE));
        assertNull(ContextStamp.fromText("attestReason=%zz", BASE));
        assertNull(ContextStamp.fromText("x".repeat(ContextStamp.MAX_TEXT + 1), BASE));
        assertNull(ContextStamp.fromText("attestActorType=USER&attestActorId=mallory%0AUSER:admin", BASE));
        assertEquals(BASE.withReason("ok"), ContextStamp.fromText("attestReason=ok&attestCorrelationId=a%20b", BASE));
    }
}
