package dev.attest.internal.context;

import dev.attest.Actor;
import dev.attest.AuditContext;
import dev.attest.internal.server.ServerAdapters;
import dev.attest.spi.SecurityObservation;
import dev.attest.spi.ServerAdapter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The stamp for asynchronous calls is written when the explicit context changes, and only then. */
class AsynchronousCallsTest {

    /** What the server adapter was given, in order ({@code null} for "taken back"). */
    private final List<String> given = new ArrayList<>();

    @BeforeEach
    void recordingAdapter() {
        AsynchronousCalls.servedBy(ServerAdapters.of(List.of(new ServerAdapter() {
            @Override
            public boolean available(ClassLoader applicationLoader) {
                return true;
            }

            @Override
            public Set<SecurityObservation> observes() {
                return Set.of();
            }

            @Override
            public String deniedMethod(Throwable denial) {
                return null;
            }

            @Override
            public void carryToAsynchronousCalls(CharSequence stamp) {
                given.add(stamp == null ? null : stamp.toString());
            }

            @Override
            public String carriedToAsynchronousCall() {
                return given.isEmpty() ? null : given.get(given.size() - 1);
            }
        })));
    }

    @AfterEach
    void findAdaptersAgain() {
        AsynchronousCalls.servedBy(null);
    }

    @Test
    void runAsAndReasonAreStampedOnEntryAndTakenBackOnExit() {
        AuditContext.runAs(Actor.user("dora"), () -> AuditContext.withReason("ticket OPS-3", () -> {
            assertEquals(new Scope(Actor.user("dora"), "ticket OPS-3", null, null), AsynchronousCalls.carried(Scope.EMPTY));
        }));

        assertEquals(Arrays.asList(ContextStamp.text(Scope.EMPTY.withActor(Actor.user("dora"))),
                ContextStamp.text(Scope.EMPTY.withActor(Actor.user("dora")).withReason("ticket OPS-3")),
                ContextStamp.text(Scope.EMPTY.withActor(Actor.user("dora"))), null), given);
        assertNull(AsynchronousCalls.carried(Scope.EMPTY));
    }

    @Test
    void eachRequestIsStampedOnceAndAnUnchangedScopeWritesNothing() {
        Scope outer = Scope.enter(Scope.EMPTY.withActor(Actor.user("dora")));
        try {
            for (int i = 0; i < 3; i++) {
                RequestInfo request = new RequestInfo("10.0.0.1", "ua", "GET", "/p", "r-" + i);
                Scope previous = Scope.enter(Scope.current().withRequest(request));
                Scope same = Scope.enter(Scope.current());
                Scope.restore(same);
                Scope action = Scope.enter(Scope.current().withRequest(new RequestInfo("10.0.0.1", "ua", "GET", "/p", "r-" + i)));
                assertEquals(new Scope(Actor.user("dora"), null, null, request), AsynchronousCalls.carried(Scope.EMPTY));
                Scope.restore(action);
                Scope.restore(previous);
            }
        } finally {
            Scope.restore(outer);
        }

        assertEquals(2 + 3 * 2, given.size(), "the runAs and each request, stamped on entry and taken back on exit: " + given);
    }

    @Test
    void requestContextAloneIsStamped() {
        RequestInfo request = new RequestInfo("10.0.0.1", "Mozilla/5.0 (X11) & more=1", "POST", "/secured/async", "r-1");
        Scope previous = Scope.enter(Scope.EMPTY.withRequest(request));
        try {
            assertEquals(Scope.EMPTY.withRequest(request), AsynchronousCalls.carried(Scope.EMPTY));
        } finally {
            Scope.restore(previous);
        }
        assertEquals(Arrays.asList(ContextStamp.text(Scope.EMPTY.withRequest(request)), null), given);
    }
}
