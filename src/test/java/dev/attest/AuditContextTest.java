package dev.attest;

import dev.attest.internal.context.RequestInfo;
import dev.attest.internal.context.Scope;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

class AuditContextTest {

    private static final Scope NOTHING = new Scope(null, null, null, null);
    private static final Actor ALICE = Actor.user("alice");
    private static final Actor IMPORT = Actor.system("nightly-import");

    @AfterEach
    void leaveTheThreadClean() {
        Scope.restore(null);
    }

    @Test
    void outsideAnyWorkTheScopeIsEmpty() {
        assertEquals(NOTHING, Scope.current());
        assertEquals(Optional.empty(), AuditContext.reason());
        assertEquals(Optional.empty(), AuditContext.correlationId());
        assertEquals(Optional.empty(), AuditContext.requestId());
    }

    @Test
    void runAsSetsTheActorOfTheWork() {
        AtomicReference<Actor> seen = new AtomicReference<>();
        AuditContext.runAs(ALICE, () -> seen.set(Scope.current().actor()));
        assertSame(ALICE, seen.get());
    }

    @Test
    void runAsReturnsTheResultOfTheWork() {
        assertEquals("done", AuditContext.runAs(ALICE, () -> "done"));
    }

    @Test
    void runAsLeavesNothingBehind() {
        AuditContext.runAs(ALICE, () -> { });
        assertEquals(NOTHING, Scope.current());
    }

    @Test
    void nestedRunAsRestoresTheOuterActor() {
        List<Actor> seen = new ArrayList<>();
        AuditContext.runAs(ALICE, () -> {
            AuditContext.runAs(IMPORT, () -> seen.add(Scope.current().actor()));
            seen.add(Scope.current().actor());
        });
        assertEquals(List.of(IMPORT, ALICE), seen);
        assertEquals(NOTHING, Scope.current());
    }

    @Test
    void nestedRunAsRestoresTheOuterActorWhenTheInnerWorkThrows() {
        IllegalStateException failure = new IllegalStateException("inner failed");
        AtomicReference<Actor> afterInner = new AtomicReference<>();
        AuditContext.runAs(ALICE, () -> {
            IllegalStateException thrown = assertThrows(IllegalStateException.class,
                    () -> AuditContext.runAs(IMPORT, () -> {
                        throw failure;
                    }));
            assertSame(failure, thrown);
            afterInner.set(Scope.current().actor());
        });
        assertSame(ALICE, afterInner.get());
    }

    @Test
    void runAsLeavesNothingBehindWhenTheWorkThrows() {
        assertThrows(IllegalStateException.class, () -> AuditContext.runAs(ALICE, () -> {
            throw new IllegalStateException("failed");
        }));
        assertEquals(NOTHING, Scope.current());
    }

    @Test
    void runAsNeedsAnActor() {
        NullPointerException rejected = assertThrows(NullPointerException.class,
                () -> AuditContext.runAs(null, () -> { }));
        assertEquals("actor", rejected.getMessage());
    }

    @Test
    void withReasonSetsTheReasonOfTheWork() {
        assertEquals(Optional.of("GDPR request 42"),
                AuditContext.withReason("GDPR request 42", AuditContext::reason));
    }

    @Test
    void withReasonLeavesNothingBehind() {
        AuditContext.withReason("GDPR request 42", () -> { });
        assertEquals(NOTHING, Scope.current());
    }

    @Test
    void nestedWithReasonRestoresTheOuterReason() {
        List<String> seen = new ArrayList<>();
        AuditContext.withReason("outer", () -> {
            AuditContext.withReason("inner", () -> seen.add(Scope.current().reason()));
            seen.add(Scope.current().reason());
        });
        assertEquals(List.of("inner", "outer"), seen);
        assertEquals(NOTHING, Scope.current());
    }

    @Test
    void nestedWithReasonRestoresTheOuterReasonWhenTheInnerWorkThrows() {
        String afterInner = AuditContext.withReason("outer", () -> {
            assertThrows(IllegalStateException.class, () -> AuditContext.withReason("inner", () -> {
                throw new IllegalStateException("inner failed");
            }));
            return Scope.current().reason();
        });
        assertEquals("outer", afterInner);
        assertEquals(NOTHING, Scope.current());
    }

    @Test
    void withReasonLeavesNothingBehindWhenTheWorkThrows() {
        assertThrows(IllegalStateException.class, () -> AuditContext.withReason("cleanup", () -> {
            throw new IllegalStateException("failed");
        }));
        assertEquals(NOTHING, Scope.current());
    }

    @Test
    void aReasonInsideRunAsKeepsTheActor() {
        Scope inner = AuditContext.runAs(ALICE, () -> AuditContext.withReason("support ticket", Scope::current));
        assertEquals(new Scope(ALICE, "support ticket", null, null), inner);
    }

    @Test
    void anActorInsideWithReasonKeepsTheReason() {
        Scope inner = AuditContext.withReason("support ticket", () -> AuditContext.runAs(ALICE, Scope::current));
        assertEquals(new Scope(ALICE, "support ticket", null, null), inner);
    }

    @Test
    void leavingAnInnerReasonKeepsTheOuterActor() {
        Scope afterInner = AuditContext.runAs(ALICE, () -> {
            AuditContext.withReason("support ticket", () -> { });
            return Scope.current();
        });
        assertEquals(new Scope(ALICE, null, null, null), afterInner);
    }

    @Test
    void aBlankReasonIsRejected() {
        IllegalArgumentException rejected = assertThrows(IllegalArgumentException.class,
                () -> AuditContext.withReason("  ", () -> { }));
        assertEquals("a reason must not be blank", rejected.getMessage());
    }

    @Test
    void aMissingReasonIsRejected() {
        IllegalArgumentException rejected = assertThrows(IllegalArgumentException.class,
                () -> AuditContext.withReason(null, () -> "never"));
        assertEquals("a reason must not be blank", rejected.getMessage());
    }

    @Test
    void aRejectedReasonNeverRunsTheWork() {
        List<String> ran = new ArrayList<>();
        assertThrows(IllegalArgumentException.class, () -> AuditContext.withReason("", () -> ran.add("work")));
        assertEquals(List.of(), ran);
        assertEquals(NOTHING, Scope.current());
    }

    @Test
    void theRequestAndCorrelationOfTheEnclosingScopeAreKept() {
        RequestInfo request = new RequestInfo("198.51.100.7", "curl/8", "POST", "/invoices/7", "req-1");
        Scope previous = Scope.enter(new Scope(null, null, "corr-1", request));
        try {
            Scope inner = AuditContext.runAs(ALICE, () -> AuditContext.withReason("why", Scope::current));
            assertEquals(new Scope(ALICE, "why", "corr-1", request), inner);
            assertEquals(Optional.of("req-1"), AuditContext.requestId());
            assertEquals(Optional.of("corr-1"), AuditContext.correlationId());
        } finally {
            Scope.restore(previous);
        }
        assertEquals(NOTHING, Scope.current());
    }

    @Test
    void anotherThreadDoesNotSeeTheActor() {
        AtomicReference<Scope> seen = new AtomicReference<>();
        AuditContext.runAs(ALICE, () -> {
            Thread other = new Thread(() -> seen.set(Scope.current()));
            other.start();
            try {
                other.join();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        assertEquals(NOTHING, seen.get());
        assertNull(Scope.current().actor());
    }
}
