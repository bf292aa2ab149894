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
import java.util.stream.Collectors;

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

    // The test runs in the server: its sizes are the server's system properties, given with
    // -Dit.jvm-options="-Dbench.overhead.rounds=6000 -Dbench.overhead.http-seconds=10".

    /**
     * Rounds before measuring: enough for the JIT's optimizing compiler (about 10,000 calls of a method) to have
     * compiled every form's path, as on a server that has been up for a while. After 1,500 rounds much of it still
     * ran in the first tiers, and the interceptor alone measured 20 to 30 µs instead of the 3 to 8 µs it takes
     * once compiled.
     */
    private static final int WARM_UP = size("bench.overhead.warm-up", 12_000, 0);
    private static final int ROUNDS = size("bench.overhead.rounds", 3_000, 1);
    private static final int CLIENTS = 8;
    /** Measured HTTP rounds; 0 runs the in-process phase alone. */
    private static final int HTTP_ROUNDS = size("bench.overhead.http-rounds", 8, 0);
    /**
     * Rounds of HTTP calls before measuring, for the HTTP client's and server's code to be compiled too: the first
     * three rounds of a run without them came out at a third of the throughput of the later ones.
     */
    private static final int HTTP_WARM_UP = size("bench.overhead.http-warm-up", 3, 0);
    private static final long HTTP_SLOT_NANOS = size("bench.overhead.http-seconds", 4, 1) * 1_000_000_000L;
    private static final long IN_PROCESS_ACCOUNT = CLIENTS + 1;
    /**
     * Events loaded before measuring, as a year of history: the event table's indexes then outgrow the database's
     * cache, as in production, where a key inserted at a random place of an index costs a page read.
     */
    private static final int HISTORY = size("bench.overhead.history", 0, 0);

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
        if (HISTORY > 0) {
            long started = System.nanoTime();
            for (long first = 0; first < HISTORY; first += 10_000) {
                payments.history(first, (int) Math.min(10_000, HISTORY - first), HISTORY);
            }
            System.out.printf("overhead: %,d events of history loaded in %.1f s%n", HISTORY,
                    (System.nanoTime() - started) / 1e9);
        }

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

        if (HTTP_ROUNDS == 0) {
            System.out.println("overhead: no HTTP phase (bench.overhead.http-rounds=0)");
            return;
        }
        Map<Form, double[]> perRound = overHttp();
        System.out.printf("overhead (%s, HTTP, %d BASIC clients, %d interleaved rounds of %d s per form after %d warm-up):%n",
                database, CLIENTS, HTTP_ROUNDS, HTTP_SLOT_NANOS / 1_000_000_000L, HTTP_WARM_UP);
        for (Form form : transactionalForms()) {
            System.out.printf("  %-12s %8.1f calls/s (median of the rounds; %s)%n", form.phase(),
                    median(perRound.get(form)), rounded(perRound.get(form)));
        }
        System.out.printf("  throughput ratios, median of the rounds [lowest, highest round]: %s, %s, %s, %s, %s%n",
                throughputRatio(perRound, Form.ATTEST, Form.ENVERS), throughputRatio(perRound, Form.ATTEST, Form.FLOOR),
                throughputRatio(perRound, Form.FLOOR, Form.ENVERS), throughputRatio(perRound, Form.ATTEST, Form.UNAUDITED),
                throughputRatio(perRound, Form.ENVERS, Form.UNAUDITED));
    }

    /** A size from a system property, refused at once when it is not a whole number of at least {@code least}. */
    private static int size(String property, int defaultValue, int least) {
        String value = System.getProperty(property);
        int size;
        try {
            size = value == null ? defaultValue : Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(property + " must be a whole number, not '" + value + "'");
        }
        if (size < least) {
            throw new IllegalArgumentException(property + " must be at least " + least + ", not " + size);
        }
        return size;
    }

    /**
     * {@code form}'s throughput over {@code baseline}'s, round by round (the forms of a round share the machine's
     * state at that moment: the tables' size, the database's background work), as the median of the rounds and
     * their range.
     */
    private static String throughputRatio(Map<Form, double[]> perRound, Form form, Form baseline) {
        double[] ratios = new double[HTTP_ROUNDS];
        for (int round = 0; round < HTTP_ROUNDS; round++) {
            ratios[round] = perRound.get(form)[round] / perRound.get(baseline)[round];
        }
        double[] sorted = ratios.clone();
        Arrays.sort(sorted);
        return String.format("%s/%s %.3f [%.3f, %.3f]", label(form), label(baseline), median(ratios), sorted[0],
                sorted[sorted.length - 1]);
    }

    private static String label(Form form) {
        return switch (form) {
            case ATTEST -> "Attest";
            case ENVERS -> "Envers";
            default -> form.phase();
        };
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private static String rounded(double[] values) {
        return Arrays.stream(values).mapToObj(v -> String.format("%.0f", v)).collect(Collectors.joining(" ", "rounds: ", ""));
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

    /** Per transactional form: calls per second in each measured round, after the warm-up rounds. */
    private Map<Form, double[]> overHttp() throws InterruptedException {
        Map<Form, double[]> perRound = new EnumMap<>(Form.class);
        List<Form> order = transactionalForms();
        for (Form form : order) {
            perRound.put(form, new double[HTTP_ROUNDS]);
        }
        for (int round = -HTTP_WARM_UP; round < HTTP_ROUNDS; round++) {
            Collections.shuffle(order, random);
            for (Form form : order) {
                long start = System.nanoTime();
                long done = clients(form, HTTP_SLOT_NANOS);
                long elapsed = System.nanoTime() - start;
                verify("HTTP round " + round + ", " + form.phase());
                if (round >= 0) {
                    perRound.get(form)[round] = done / (elapsed / 1e9);
                }
            }
        }
        return perRound;
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
