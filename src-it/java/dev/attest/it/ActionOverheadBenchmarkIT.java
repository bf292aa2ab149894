package dev.attest.it;

import dev.attest.it.overhead.Account;
import dev.attest.it.overhead.Gestures;
import dev.attest.it.overhead.Payments;
import jakarta.inject.Inject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.math.BigDecimal;
import java.net.URL;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A benchmark, not a timed test: what auditing costs on the write path, in one server and one run. The same
 * business transaction (load an account, update its balance, insert a transfer) runs in four forms, interleaved
 * in random order so every form sees the same warm-up and load: unaudited, Envers alone, Envers plus one event
 * row written by hand into a table without secondary indexes (the floor: what one event row costs at the
 * least), and Envers plus {@code @AuditAction} (Attest). It prints, per form, in-process latency (median, p90,
 * p99), CPU time and bytes allocated per call, then the throughput of 8 HTTP clients logged in with BASIC, and
 * the ratios between the forms. Beside them, the same method that touches no database with and without
 * {@code @AuditAction} (its event skipped by {@code attest.skip-actions}) gives the interceptor's own cost.
 * After each phase it checks that the business rows, revisions and events equal the calls made, so a fast run
 * cannot hide a lost event.
 */
@ExtendWith(ArquillianExtension.class)
class ActionOverheadBenchmarkIT {

    /**
     * The test runs in the server: its sizes are the server's system properties, given with
     * {@code -Dit.jvm-options="-Dbench.overhead.rounds=6000 -Dbench.overhead.http-seconds=10"}.
     */
    private static final int WARM_UP = Integer.getInteger("bench.overhead.warm-up", 1_500);
    private static final int ROUNDS = Integer.getInteger("bench.overhead.rounds", 3_000);
    private static final int CLIENTS = 8;
    private static final int HTTP_ROUNDS = Integer.getInteger("bench.overhead.http-rounds", 4);
    private static final long HTTP_SLOT_NANOS = Integer.getInteger("bench.overhead.http-seconds", 3) * 1_000_000_000L;
    private static final long IN_PROCESS_ACCOUNT = CLIENTS + 1;

    /** The forms of the call, in the order they are printed. */
    enum Form {
        UNAUDITED, ENVERS, FLOOR, ATTEST, NOOP_PLAIN, NOOP_AUDITED;

        boolean transactional() {
            return this != NOOP_PLAIN && this != NOOP_AUDITED;
        }

        String phase() {
            return name().toLowerCase();
        }
    }

    @Deployment
    static WebArchive deployment() {
        return Deployments.war("overhead-benchmark", Deployments.config("attest.skip-actions=" + Gestures.ACTION))
                .addPackage(Account.class.getPackage());
    }

    @ArquillianResource
    URL base;

    @Inject
    Payments payments;

    @Inject
    Gestures gestures;

    @Inject
    Probe probe;

    private final Map<Form, AtomicLong> calls = new EnumMap<>(Form.class);
    private final Random random = new Random(13);

    @Test
    void auditedWritePathAgainstEnversAloneAndTheFloor() throws Exception {
        for (Form form : Form.values()) {
            calls.put(form, new AtomicLong());
        }
        payments.open((int) IN_PROCESS_ACCOUNT);
        String database = probe.databaseName();

        Map<Form, long[][]> samples = inProcess();
        verify("in-process calls");
        System.out.printf("overhead (%s, in-process, %d interleaved rounds after %d warm-up; per call):%n",
                database, ROUNDS, WARM_UP);
        for (Form form : Form.values()) {
            long[][] s = samples.get(form);
            System.out.printf("  %-12s median %8.1f µs  p90 %8.1f µs  p99 %8.1f µs  CPU median %7.1f µs  allocated median %7d B%n",
                    form.phase(), micros(percentile(s[0], 0.5)), micros(percentile(s[0], 0.9)),
                    micros(percentile(s[0], 0.99)), micros(percentile(s[1], 0.5)), percentile(s[2], 0.5));
        }
        System.out.printf("  Attest over Envers alone: %+.1f µs median, %+.1f µs CPU, %+d B allocated; "
                        + "over the floor: %+.1f µs median, %+.1f µs CPU, %+d B allocated%n",
                difference(samples, Form.ATTEST, Form.ENVERS, 0), difference(samples, Form.ATTEST, Form.ENVERS, 1),
                (long) (percentile(samples.get(Form.ATTEST)[2], 0.5) - percentile(samples.get(Form.ENVERS)[2], 0.5)),
                difference(samples, Form.ATTEST, Form.FLOOR, 0), difference(samples, Form.ATTEST, Form.FLOOR, 1),
                (long) (percentile(samples.get(Form.ATTEST)[2], 0.5) - percentile(samples.get(Form.FLOOR)[2], 0.5)));
        System.out.printf("  the floor's event row over Envers alone: %+.1f µs median, %+.1f µs CPU%n",
                difference(samples, Form.FLOOR, Form.ENVERS, 0), difference(samples, Form.FLOOR, Form.ENVERS, 1));
        System.out.printf("  interceptor alone (no database, event skipped): %+.1f µs median, %+.1f µs CPU, %+d B allocated%n",
                difference(samples, Form.NOOP_AUDITED, Form.NOOP_PLAIN, 0),
                difference(samples, Form.NOOP_AUDITED, Form.NOOP_PLAIN, 1),
                (long) (percentile(samples.get(Form.NOOP_AUDITED)[2], 0.5) - percentile(samples.get(Form.NOOP_PLAIN)[2], 0.5)));
        System.out.printf("  latency ratios (medians): Attest/Envers %.3f, Attest/floor %.3f, Attest/unaudited %.3f%n",
                ratio(samples, Form.ATTEST, Form.ENVERS), ratio(samples, Form.ATTEST, Form.FLOOR),
                ratio(samples, Form.ATTEST, Form.UNAUDITED));

        Map<Form, long[]> throughput = overHttp();
        System.out.printf("overhead (%s, HTTP, %d BASIC clients, %d interleaved rounds of %d s per form):%n",
                database, CLIENTS, HTTP_ROUNDS, HTTP_SLOT_NANOS / 1_000_000_000L);
        for (Form form : transactionalForms()) {
            System.out.printf("  %-12s %8.1f calls/s (%d calls)%n", form.phase(), perSecond(throughput.get(form)),
                    throughput.get(form)[0]);
        }
        System.out.printf("  throughput ratios: Attest/Envers %.3f, Attest/floor %.3f, floor/Envers %.3f, "
                        + "Attest/unaudited %.3f, Envers/unaudited %.3f%n",
                perSecond(throughput.get(Form.ATTEST)) / perSecond(throughput.get(Form.ENVERS)),
                perSecond(throughput.get(Form.ATTEST)) / perSecond(throughput.get(Form.FLOOR)),
                perSecond(throughput.get(Form.FLOOR)) / perSecond(throughput.get(Form.ENVERS)),
                perSecond(throughput.get(Form.ATTEST)) / perSecond(throughput.get(Form.UNAUDITED)),
                perSecond(throughput.get(Form.ENVERS)) / perSecond(throughput.get(Form.UNAUDITED)));
    }

    /** Per form: wall-clock nanoseconds, CPU nanoseconds and bytes allocated of each measured call. */
    private Map<Form, long[][]> inProcess() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        MethodHandle allocatedBytes = allocatedBytes(threads);
        Map<Form, long[][]> samples = new EnumMap<>(Form.class);
        for (Form form : Form.values()) {
            samples.put(form, new long[3][ROUNDS]);
        }
        List<Form> order = new ArrayList<>(List.of(Form.values()));
        for (int round = 0; round < WARM_UP + ROUNDS; round++) {
            Collections.shuffle(order, random);
            for (Form form : order) {
                long allocated = allocated(allocatedBytes);
                long cpu = threads.getCurrentThreadCpuTime();
                long start = System.nanoTime();
                call(form, IN_PROCESS_ACCOUNT, "P-" + round);
                long wall = System.nanoTime() - start;
                cpu = threads.getCurrentThreadCpuTime() - cpu;
                allocated = allocated(allocatedBytes) - allocated;
                if (round >= WARM_UP) {
                    long[][] s = samples.get(form);
                    s[0][round - WARM_UP] = wall;
                    s[1][round - WARM_UP] = cpu;
                    s[2][round - WARM_UP] = allocated;
                }
            }
        }
        return samples;
    }

    /**
     * The JDK's count of bytes the current thread allocated. Its interface, {@code com.sun.management.ThreadMXBean},
     * is not visible to a deployment's class loader: it is reached through the platform class loader.
     */
    private static MethodHandle allocatedBytes(ThreadMXBean threads) {
        try {
            Class<?> extended = Class.forName("com.sun.management.ThreadMXBean", false, ClassLoader.getPlatformClassLoader());
            return MethodHandles.publicLookup().findVirtual(extended, "getCurrentThreadAllocatedBytes",
                    MethodType.methodType(long.class)).bindTo(threads);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("this JVM does not count allocated bytes per thread", e);
        }
    }

    private static long allocated(MethodHandle allocatedBytes) {
        try {
            return (long) allocatedBytes.invokeExact();
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    private void call(Form form, long account, String reference) {
        switch (form) {
            case UNAUDITED -> payments.unaudited(account, BigDecimal.ONE, reference);
            case ENVERS -> payments.envers(account, BigDecimal.ONE, reference);
            case FLOOR -> payments.floor(account, BigDecimal.ONE, reference);
            case ATTEST -> payments.attest(account, BigDecimal.ONE, reference);
            case NOOP_PLAIN -> gestures.plain(account, reference);
            case NOOP_AUDITED -> gestures.audited(account, reference);
            default -> throw new IllegalArgumentException(form.name());
        }
        calls.get(form).incrementAndGet();
    }

    /** Per transactional form: calls completed and nanoseconds spent, over one warm-up round and the measured ones. */
    private Map<Form, long[]> overHttp() throws InterruptedException {
        Map<Form, long[]> totals = new EnumMap<>(Form.class);
        List<Form> order = transactionalForms();
        for (Form form : order) {
            totals.put(form, new long[2]);
        }
        for (int round = 0; round <= HTTP_ROUNDS; round++) {
            Collections.shuffle(order, random);
            for (Form form : order) {
                long slot = round == 0 ? HTTP_SLOT_NANOS / 3 : HTTP_SLOT_NANOS;
                long start = System.nanoTime();
                long done = clients(form, slot);
                long elapsed = System.nanoTime() - start;
                verify("HTTP round " + round + ", " + form.phase());
                if (round > 0) {
                    totals.get(form)[0] += done;
                    totals.get(form)[1] += elapsed;
                }
            }
        }
        return totals;
    }

    /** 8 clients calling {@code form} over HTTP for {@code nanos}; returns the calls completed. */
    private long clients(Form form, long nanos) throws InterruptedException {
        AtomicLong done = new AtomicLong();
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch finished = new CountDownLatch(CLIENTS);
        long deadline = System.nanoTime() + nanos;
        for (int client = 1; client <= CLIENTS; client++) {
            long account = client;
            Thread thread = new Thread(() -> {
                try {
                    for (int i = 0; System.nanoTime() < deadline && failures.isEmpty(); i++) {
                        HttpResponse<String> response = Http.post(Http.as(Http.request(base, "secured/pay?phase="
                                + form.phase() + "&account=" + account + "&reference=H-" + account + "-" + i), "alice", "alice-pw"));
                        if (response.statusCode() != 204) {
                            failures.add(form.phase() + ": HTTP " + response.statusCode() + " " + response.body());
                            return;
                        }
                        calls.get(form).incrementAndGet();
                        done.incrementAndGet();
                    }
                } catch (RuntimeException e) {
                    failures.add(form.phase() + ": " + e);
                } finally {
                    finished.countDown();
                }
            }, "overhead-client-" + client);
            thread.start();
        }
        finished.await();
        assertEquals(List.of(), failures, "every call succeeded");
        return done.get();
    }

    /** Business rows, revisions and events equal the calls made, form by form. */
    private void verify(String when) {
        long unaudited = calls.get(Form.UNAUDITED).get();
        long envers = calls.get(Form.ENVERS).get();
        long floor = calls.get(Form.FLOOR).get();
        long attest = calls.get(Form.ATTEST).get();
        assertEquals(unaudited, probe.count("PlainTransfer", "1 = 1"), when + ": unaudited transfers");
        assertEquals(envers, probe.count("Transfer", "x.phase = ?1", "envers"), when + ": Envers transfers");
        assertEquals(floor, probe.count("Transfer", "x.phase = ?1", "floor"), when + ": floor transfers");
        assertEquals(attest, probe.count("Transfer", "x.phase = ?1", "attest"), when + ": Attest transfers");
        assertEquals(floor, number(probe.rows("select count(*) from bench_floor_event")), when + ": floor events");
        assertEquals(attest, probe.count("AttestEvent", "x.action = ?1 and x.outcome = dev.attest.Outcome.SUCCESS",
                Payments.ACTION), when + ": Attest's events, one per call, all SUCCESS");
        assertEquals(attest, probe.count("AttestEvent", "x.action = ?1", Payments.ACTION),
                when + ": no event of the action but those");
        assertEquals(0, probe.count("AttestEvent", "x.action = ?1", Gestures.ACTION), when + ": the skipped action left nothing");
        long audited = envers + floor + attest;
        assertEquals(audited, number(probe.rows("select count(*) from bench_transfer_AUD where REVTYPE = 0")),
                when + ": one revision row per audited transfer");
        assertEquals(audited, number(probe.rows("select count(distinct REV) from bench_transfer_AUD where REVTYPE = 0")),
                when + ": one revision per audited transaction");
        assertEquals(attest, number(probe.rows("select count(*) from attest_event e join attest_revision r"
                        + " on r.correlation_id = e.correlation_id where e.action = '" + Payments.ACTION + "'")),
                when + ": each Attest event linked to its transaction's revision");
    }

    private static long number(List<?> rows) {
        Object value = rows.get(0);
        return ((Number) (value instanceof Object[] cells ? cells[0] : value)).longValue();
    }

    private static List<Form> transactionalForms() {
        return new ArrayList<>(Arrays.stream(Form.values()).filter(Form::transactional).toList());
    }

    private static double perSecond(long[] total) {
        return total[0] / (total[1] / 1e9);
    }

    private static double difference(Map<Form, long[][]> samples, Form form, Form baseline, int kind) {
        return micros(percentile(samples.get(form)[kind], 0.5) - percentile(samples.get(baseline)[kind], 0.5));
    }

    private static double ratio(Map<Form, long[][]> samples, Form form, Form baseline) {
        return (double) percentile(samples.get(form)[0], 0.5) / percentile(samples.get(baseline)[0], 0.5);
    }

    private static double micros(double nanos) {
        return nanos / 1_000.0;
    }

    private static long percentile(long[] samples, double p) {
        long[] sorted = samples.clone();
        Arrays.sort(sorted);
        return sorted[(int) Math.min(sorted.length - 1, Math.round(p * (sorted.length - 1)))];
    }
}
