package dev.attest.it;

import dev.attest.Actor;
import dev.attest.AuditContext;
import dev.attest.internal.retention.RetentionService;
import dev.attest.internal.seal.SealRounds;
import dev.attest.internal.seal.Sealer;
import dev.attest.it.app.Invoice;
import dev.attest.it.app.InvoiceService;
import dev.attest.it.seal.SealHarness;
import dev.attest.it.seal.SealKeys;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A benchmark, not a timed test: 8 writers keep making audited, Envers-audited calls while the retention purge
 * deletes {@code bench.purge.events} (default 1,000,000) old, sealed events in batches. It prints the writers'
 * p50 and p99 latency before and during the purge, and their ratio, measured in the same process.
 * {@code -Dbench.purge.events=100000} for a shorter run, {@code -Dbench.purge.sealed=false} without sealing.
 */
@ExtendWith(ArquillianExtension.class)
class PurgeBenchmarkIT {

    private static final int WRITERS = 8;
    private static final Duration BEFORE = Duration.ofSeconds(30);

    @Deployment
    static WebArchive deployment() {
        Path keys = SealKeys.create("purge-bench", "attest");
        Path archives = RetentionIT.archiveDirectory("purge-bench");
        boolean sealed = Boolean.parseBoolean(System.getProperty("bench.purge.sealed", "true"));
        return Deployments.war("purge-benchmark", (sealed ? SealKeys.config(keys, "attest") + "\n" : "") + Deployments.config(
                "attest.seal.batch-size=20000", "attest.retention.events=P1D", "attest.retention.minimum=P1D",
                "attest.retention.archive-dir=" + archives,
                "bench.purge.events=" + System.getProperty("bench.purge.events", "1000000")),
                SealHarness.class, SealKeys.class);
    }

    @EJB
    InvoiceService invoices;

    @Inject
    SealHarness harness;

    @Inject
    SealRounds work;

    @Inject
    RetentionService retention;

    @Inject
    dev.attest.internal.seal.SealService sealing;

    @Inject
    Probe probe;

    @Test
    void writersLatencyBeforeAndDuringAPurge() throws Exception {
        int events = ConfigProvider.getConfig().getValue("bench.purge.events", Integer.class);
        Sealer sealer = sealing.enabled() ? harness.fresh("purge-bench") : null;
        long start = System.nanoTime();
        load(events, Instant.now().minus(Duration.ofDays(30)));
        System.out.printf("purge-benchmark (%s): loaded %,d old events in %.1f s%n", probe.databaseName(), events,
                (System.nanoTime() - start) / 1e9);
        if (sealer != null) {
            start = System.nanoTime();
            while (harness.seal(sealer).appended() > 0) {
                // rounds of 20,000 until everything is sealed and checkpointed
            }
            System.out.printf("purge-benchmark: sealed in %.1f s%n", (System.nanoTime() - start) / 1e9);
        }

        Latencies before = new Latencies();
        Latencies during = new Latencies();
        AtomicInteger phase = new AtomicInteger(0); // 0 before, 1 during, 2 stop
        AtomicLong numbers = new AtomicLong(); // unique invoice numbers: two writers can read the same nanoTime
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
        for (int w = 0; w < WRITERS; w++) {
            pool.submit(() -> {
                while (phase.get() < 2) {
                    int p = phase.get();
                    long t = System.nanoTime();
                    AuditContext.runAs(Actor.user("writer"), () -> invoices.create(new Invoice("p" + numbers.incrementAndGet(), "ACME", BigDecimal.ONE)));
                    (p == 0 ? before : during).add(System.nanoTime() - t);
                }
                return null;
            });
        }
        Thread.sleep(BEFORE.toMillis());
        phase.set(1);
        start = System.nanoTime();
        RetentionService.Run run = retention.purgeNow(Instant.now());
        double purgeSeconds = (System.nanoTime() - start) / 1e9;
        phase.set(2);
        pool.shutdown();
        pool.awaitTermination(5, TimeUnit.MINUTES);
        System.out.printf("purge-benchmark (%s, sealing %s): purged %,d events in %d batches in %.1f s (%,.0f events/s); "
                        + "%d writers: before the purge %d calls p50 %.1f ms p99 %.1f ms; during the purge %d calls "
                        + "p50 %.1f ms p99 %.1f ms; p99 ratio during/before %.2f%n",
                probe.databaseName(), sealer != null ? "on" : "off", run.deleted(), run.batches(), purgeSeconds,
                run.deleted() / purgeSeconds, WRITERS, before.count(), before.percentile(0.5), before.percentile(0.99),
                during.count(), during.percentile(0.5), during.percentile(0.99),
                during.percentile(0.99) / before.percentile(0.99));
        assertEquals(events, run.deleted());
    }

    private void load(int events, Instant occurred) {
        int chunk = 10_000;
        for (int from = 0; from < events; from += chunk) {
            int n = Math.min(chunk, events - from);
            work.work(c -> {
                try (PreparedStatement s = c.prepareStatement("insert into attest_event (occurred_at, category, action, "
                        + "outcome, actor_type, actor_id, target_type, target_id, details) values (?, 'ACTION', "
                        + "'invoice.approve', 'SUCCESS', 'USER', ?, 'Invoice', ?, '{}')")) {
                    for (int i = 0; i < n; i++) {
                        s.setTimestamp(1, Timestamp.from(occurred));
                        s.setString(2, "user-" + (i % 1000));
                        s.setString(3, Integer.toString(i));
                        s.addBatch();
                    }
                    s.executeBatch();
                }
                return null;
            });
        }
    }

    /**
     * The writers' latencies in logarithmic buckets 1% wide, so that a run of millions of calls keeps a few kilobytes
     * rather than every sample: a percentile is exact to 1%.
     */
    static final class Latencies {
        private static final double WIDTH = Math.log(1.01);
        private final AtomicLongArray buckets = new AtomicLongArray(4_000); // 1.01^4000 ns: beyond any call

        void add(long nanos) {
            buckets.incrementAndGet(bucket(nanos));
        }

        long count() {
            long n = 0;
            for (int i = 0; i < buckets.length(); i++) {
                n += buckets.get(i);
            }
            return n;
        }

        /** The upper bound of the bucket holding the p-th latency, in milliseconds; NaN when nothing was measured. */
        double percentile(double p) {
            long n = count();
            if (n == 0) {
                return Double.NaN;
            }
            long rank = Math.max(1, (long) Math.ceil(p * n));
            long seen = 0;
            for (int i = 0; i < buckets.length(); i++) {
                seen += buckets.get(i);
                if (seen >= rank) {
                    return Math.exp((i + 1) * WIDTH) / 1e6;
                }
            }
            return Double.NaN;
        }

        private static int bucket(long nanos) {
            return (int) Math.min(3_999, Math.max(0, Math.log(Math.max(1, nanos)) / WIDTH));
        }
    }
}
