package dev.attest.internal.context;

import dev.attest.Actor;
import dev.attest.internal.capture.Text;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
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

    @Test
    void textCarriesTheRequestContextAndReadsItBackAsTheRequestFilterKeptIt() {
        RequestInfo request = new RequestInfo("203.0.113.7", "Mozilla/5.0 (X11; Linux) 50% & attestActorId=root",
                "POST", "/app/secured/async", "req-42");
        Scope scope = BASE.withActor(Actor.user("dora")).withCorrelationId("c-1").withRequest(request);

        assertEquals(scope, ContextStamp.fromText(ContextStamp.text(scope), BASE));
        assertEquals(BASE.withRequest(request), ContextStamp.fromText(ContextStamp.text(BASE.withRequest(request)), BASE));
        RequestInfo partial = new RequestInfo(null, null, "GET", null, "req-43");
        assertEquals(BASE.withRequest(partial), ContextStamp.fromText(ContextStamp.text(BASE.withRequest(partial)), BASE));
    }

    @Test
    void hostileUserAgentCannotForgeTheActorNorOverflowTheStamp() {
        String hostile = "x&attestActorType=SYSTEM&attestActorId=root&attestRequestId=forged%0A\u202e\n"
                + "\u00e9\u4e2d\ud83d\ude00".repeat(600);
        Scope scope = BASE.withRequest(new RequestInfo("10.0.0.1", hostile, "GET", "/p" + "\u4e2d".repeat(3000), "req-1"));
        String text = ContextStamp.text(scope);

        assertTrue(text.length() < ContextStamp.MAX_TEXT, "length " + text.length());
        Scope read = ContextStamp.fromText(text, BASE);
        assertNull(read.actor());
        assertEquals("req-1", read.request().requestId());
        assertTrue(read.request().userAgent().length() <= ContextStamp.MAX_REQUEST_TEXT);
        assertTrue(read.request().userAgent().startsWith("x&attestActorType=SYSTEM&attestActorId=root&attestRequestId=forged%0A\\u202e"),
                read.request().userAgent().substring(0, 80));
        assertTrue(read.request().path().length() <= ContextStamp.MAX_REQUEST_TEXT);
    }

    @Test
    void stampedRequestValuesAreCheckedAsAnyStamp() {
        Scope read = ContextStamp.fromText("attestClientAddress=" + "1".repeat(100) + "&attestUserAgent=a%0Ab"
                + "&attestMethod=" + "G".repeat(40) + "&attestRequestId=req%20forged", BASE);

        assertEquals(new RequestInfo(Text.clean("1".repeat(100), ContextStamp.MAX_ADDRESS), "a\\nb",
                Text.clean("G".repeat(40), ContextStamp.MAX_METHOD), null, null),
                read.request());
        assertNull(ContextStamp.fromText("attestActorType=ROOT&attestActorId=x&attestRequestId=r-1", BASE), "an invalid actor voids it all");
        RequestInfo own = new RequestInfo("10.0.0.2", null, "GET", "/own", "own-1");
        assertEquals(own, ContextStamp.fromText("attestRequestId=r-1", BASE.withRequest(own)).request(), "a request in force stays");
    }

    @Test
    void deferredStampReadsAsTheTextOfItsScope() {
        Scope scope = Scope.EMPTY.withActor(Actor.user("dora")).withReason("ticket & more").withCorrelationId("c-1")
                .withRequest(new RequestInfo("10.0.0.1", "Mozilla/5.0 (X11)", "POST", "/pay", "r-1"));
        CharSequence deferred = ContextStamp.deferredText(scope);
        assertEquals(ContextStamp.text(scope), deferred.toString());
        assertSame(deferred.toString(), deferred.toString(), "rendered once, then the same text");
        assertEquals(deferred.toString().length(), deferred.length());
        assertEquals(scope, ContextStamp.fromText(deferred.toString(), Scope.EMPTY));
        assertNull(ContextStamp.deferredText(Scope.EMPTY), "an empty scope has no stamp");
    }
}
