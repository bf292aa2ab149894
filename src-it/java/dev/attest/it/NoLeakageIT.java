package dev.attest.it;

import jakarta.inject.Inject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Under concurrent load on WildFly's pooled worker threads, every event and every revision carries exactly
 * the actor of the request that caused it, also on threads reused after a request failed half-way or
 * outlived its client's timeout.
 */
@ExtendWith(ArquillianExtension.class)
class NoLeakageIT {

    private static final int REQUESTS = 2_000;
    private static final int THREADS = 8;
    private static final long SLOW_MILLIS = 400;
    private static final String[][] CALLERS = {
            {"alice", "alice-pw"}, {"bob", "bob-pw"}, {null, null}, {"carol", "carol-pw"}, {null, null}};

    @Deployment
    static WebArchive deployment() {
        return Deployments.war("no-leakage");
    }

    @ArquillianResource
    URL base;

    @Inject
    Probe probe;

    @Test
    void everyEventAndRevisionCarriesTheActorOfItsOwnRequest() throws Exception {
        AtomicInteger failedOnPurpose = new AtomicInteger();
        AtomicInteger timedOut = new AtomicInteger();
        ExecutorService clients = Executors.newFixedThreadPool(THREADS);
        List<Future<?>> calls = new ArrayList<>();
        long started = System.nanoTime();
        for (int i = 0; i < REQUESTS; i++) {
            int n = i;
            calls.add(clients.submit(() -> call(n, failedOnPurpose, timedOut)));
        }
        for (Future<?> call : calls) {
            call.get();
        }
        clients.shutdown();
        long millis = (System.nanoTime() - started) / 1_000_000;
        // requests the client gave up on may still run on the server: wait until no more invoices appear
        long created = probe.count("Invoice", "x.number like 'L-%'");
        for (long deadline = System.nanoTime() + 30_000_000_000L; System.nanoTime() < deadline; ) {
            Thread.sleep(SLOW_MILLIS * 2);
            long now = probe.count("Invoice", "x.number like 'L-%'");
            if (now == created) {
                break;
            }
            created = now;
        }

        // the invoice number names the actor of the request that created it: L-<n>-<actor>
        Map<String, String> events = actors("select i.number, e.actor_type, e.actor_id from attest_event e join Invoice i"
                + " on e.target_id = cast(i.id as varchar(40)) where e.action = 'invoice.create'");
        Map<String, String> revisions = actors("select a.number, r.actor_type, r.actor_id from Invoice_AUD a"
                + " join attest_revision r on a.REV = r.id");
        int mismatches = mismatches(events) + mismatches(revisions);
        System.out.printf("no-leakage: %d requests from %d client threads in %d ms (%d failed on purpose, %d timed out"
                        + " at the client), %d events and %d revisions checked, %d mismatches%n",
                REQUESTS, THREADS, millis, failedOnPurpose.get(), timedOut.get(), events.size(), revisions.size(), mismatches);
        assertEquals(REQUESTS / 10, failedOnPurpose.get());
        assertEquals(REQUESTS / 20, timedOut.get());
        // every answered request created its invoice; a request the client gave up on did if the server got it
        assertTrue(created >= REQUESTS - REQUESTS / 10 - REQUESTS / 20 && created <= REQUESTS - REQUESTS / 10,
                created + " invoices created");
        assertEquals(created, events.size(), "one event per created invoice, timed-out requests included");
        assertEquals(created, revisions.size());
        assertEquals(0, mismatches, "events or revisions attributed to another request's actor");
    }

    private void call(int n, AtomicInteger failedOnPurpose, AtomicInteger timedOut) {
        String[] caller = CALLERS[n % CALLERS.length];
        String actor = caller[0] == null ? "ANONYMOUS:anonymous" : "USER:" + caller[0];
        boolean fail = n % 10 == 7;
        boolean slow = n % 20 == 3;
        String path = (caller[0] == null ? "public" : "secured") + "/invoices?number=L-" + n + "-" + actor
                + (fail ? "&fail=1" : "") + (slow ? "&slow=" + SLOW_MILLIS : "");
        HttpRequest.Builder request = Http.request(base, path);
        if (caller[0] != null) {
            Http.as(request, caller[0], caller[1]);
        }
        if (slow) {
            request.timeout(Duration.ofMillis(SLOW_MILLIS / 4));
            try {
                Http.post(request);
            } catch (IllegalStateException expected) {
                assertTrue(expected.getCause() instanceof HttpTimeoutException, expected.toString());
                timedOut.incrementAndGet();
            }
            return;
        }
        HttpResponse<String> response = Http.post(request);
        if (fail) {
            assertEquals(500, response.statusCode());
            failedOnPurpose.incrementAndGet();
        } else {
            assertEquals(200, response.statusCode(), response.body());
        }
    }

    private static int mismatches(Map<String, String> actorsByNumber) {
        int mismatches = 0;
        for (Map.Entry<String, String> row : actorsByNumber.entrySet()) {
            String number = row.getKey();
            mismatches += number.substring(number.indexOf('-', 2) + 1).equals(row.getValue()) ? 0 : 1;
        }
        return mismatches;
    }

    private Map<String, String> actors(String sql) {
        Map<String, String> actors = new HashMap<>();
        for (Object[] row : probe.rows(sql)) {
            actors.put(String.valueOf(row[0]), row[1] + ":" + row[2]);
        }
        return actors;
    }
}
