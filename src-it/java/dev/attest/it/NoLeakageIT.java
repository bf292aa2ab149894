package dev.attest.it;

import dev.attest.it.app.Invoice;
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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Under concurrent load on WildFly's pooled worker threads, every event and every revision carries exactly
 * the actor of the request that caused it, also on threads reused after a request failed half-way.
 */
@ExtendWith(ArquillianExtension.class)
class NoLeakageIT {

    private static final int REQUESTS = 2_000;
    private static final int THREADS = 8;
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
        Map<String, String> expected = new ConcurrentHashMap<>();
        AtomicInteger failedOnPurpose = new AtomicInteger();
        ExecutorService clients = Executors.newFixedThreadPool(THREADS);
        List<Future<?>> calls = new ArrayList<>();
        long started = System.nanoTime();
        for (int i = 0; i < REQUESTS; i++) {
            int n = i;
            calls.add(clients.submit(() -> {
                String[] caller = CALLERS[n % CALLERS.length];
                boolean fail = n % 10 == 7;
                String path = (caller[0] == null ? "public" : "secured") + "/invoices?number=L-" + n + (fail ? "&fail=1" : "");
                HttpRequest.Builder request = Http.request(base, path);
                if (caller[0] != null) {
                    Http.as(request, caller[0], caller[1]);
                }
                HttpResponse<String> response = Http.post(request);
                if (fail) {
                    assertEquals(500, response.statusCode());
                    failedOnPurpose.incrementAndGet();
                } else {
                    assertEquals(200, response.statusCode(), response.body());
                    expected.put(response.body().trim(), caller[0] == null ? "ANONYMOUS:anonymous" : "USER:" + caller[0]);
                }
            }));
        }
        for (Future<?> call : calls) {
            call.get();
        }
        clients.shutdown();
        long millis = (System.nanoTime() - started) / 1_000_000;

        Map<String, String> eventActors = actors("select target_id, actor_type, actor_id from attest_event"
                + " where action = 'invoice.create'");
        Map<String, String> revisionActors = actors("select cast(a.id as varchar(40)), r.actor_type, r.actor_id from "
                + Invoice.class.getSimpleName() + "_AUD a join attest_revision r on a.REV = r.id");
        int mismatches = 0;
        for (Map.Entry<String, String> request : expected.entrySet()) {
            mismatches += request.getValue().equals(eventActors.get(request.getKey())) ? 0 : 1;
            mismatches += request.getValue().equals(revisionActors.get(request.getKey())) ? 0 : 1;
        }
        System.out.printf("no-leakage: %d requests from %d client threads in %d ms (%d failed on purpose), "
                        + "%d events and %d revisions checked, %d mismatches%n",
                REQUESTS, THREADS, millis, failedOnPurpose.get(), expected.size(), expected.size(), mismatches);
        assertEquals(REQUESTS / 10, failedOnPurpose.get());
        assertEquals(REQUESTS - REQUESTS / 10, expected.size());
        assertEquals(0, mismatches, "events or revisions attributed to another request's actor");
        assertTrue(eventActors.values().stream().noneMatch(actor -> actor.contains("leaky")));
    }

    private Map<String, String> actors(String sql) {
        Map<String, String> actors = new HashMap<>();
        for (Object[] row : probe.rows(sql)) {
            actors.put(String.valueOf(row[0]), row[1] + ":" + row[2]);
        }
        return actors;
    }
}
