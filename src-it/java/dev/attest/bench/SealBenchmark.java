package dev.attest.bench;

import dev.attest.internal.integrity.Checkpoint;
import dev.attest.internal.integrity.TrustedKeys;
import dev.attest.internal.seal.SealSettings;
import dev.attest.internal.seal.Sealer;
import dev.attest.verify.Checkpoints;
import dev.attest.verify.DbVerifier;
import dev.attest.verify.Report;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sealing benchmark (not a test, {@code mvn -Pseal-benchmark test}): on H2 (a file under target/bench-seal) and
 * PostgreSQL, loads {@code bench.events} events (default 1,000,000) and measures how fast the sealer seals them
 * and the verifier verifies them, the sealing lag p99 at 2,000 events/s from 8 writers, and the throughput of 8
 * writers with the sealer running against the same writers without it ({@code -Dbench.writers=false}: sealing
 * and verification only). Each of the first two also prints the CPU time and allocation of the thread doing it.
 */
public final class SealBenchmark {

    private static final int EVENTS = Integer.getInteger("bench.events", 1_000_000);
    private static final int RATE = Integer.getInteger("bench.rate", 2_000);
    private static final int WRITERS = 8;
    private static final Duration LAG_RUN = Duration.ofSeconds(Integer.getInteger("bench.lag-seconds", 20));

    private SealBenchmark() {
    }

    interface Db {
        Connection open() throws SQLException;
    }

    public static void main(String[] args) throws Exception {
        for (String db : System.getProperty("bench.db", "h2,postgresql").split(",")) {
            switch (db.trim()) {
                case "h2" -> {
                    Path dir = Path.of("target", "bench-seal").toAbsolutePath();
                    Files.createDirectories(dir);
                    Files.deleteIfExists(dir.resolve("attest.mv.db"));
                    String url = "jdbc:h2:file:" + dir.resolve("attest") + ";DB_CLOSE_DELAY=-1";
                    run("H2", () -> DriverManager.getConnection(url, "sa", ""), false);
                }
                case "postgresql" -> {
                    String url = System.getProperty("bench.pg.url", "jdbc:postgresql://127.0.0.1:5432/test");
                    String user = System.getProperty("bench.pg.user", "postgres");
                    String password = System.getProperty("bench.pg.password", "");
                    try (Connection c = DriverManager.getConnection(url, user, password)) {
                        c.createStatement().execute("drop schema if exists attest_seal_bench cascade");
                        c.createStatement().execute("create schema attest_seal_bench");
                    }
                    run("PostgreSQL", () -> DriverManager.getConnection(
                            url + "?currentSchema=attest_seal_bench&reWriteBatchedInserts=true", user, password), true);
                }
                default -> throw new IllegalArgumentException("bench.db: h2 or postgresql, not " + db);
            }
        }
    }

    private static void run(String name, Db db, boolean postgresql) throws Exception {
        System.out.printf("%n== %s ==%n", name);
        try (Connection c = db.open()) {
            schema(c, postgresql);
            long t0 = System.nanoTime();
            load(c, EVENTS);
            System.out.printf("loaded %,d events in %.1f s%n", EVENTS, (System.nanoTime() - t0) / 1e9);
        }
        Path dir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "seal-bench");
        KeyPair key = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        Files.writeString(dir.resolve("trusted.pem"), TrustedKeys.pem(key.getPublic()));
        SealSettings settings = new SealSettings(true, null, List.of(new SealSettings.SigningKey("bench", key.getPrivate(),
                key.getPublic())), dir.resolve("checkpoints.log"), Duration.ofSeconds(1), Duration.ofMinutes(10),
                Duration.ofMinutes(1), Duration.ofHours(1), 20_000, "bench");
        Sealer sealer = new Sealer(settings, "bench");

        // 1. sealing throughput
        Usage usage = new Usage();
        long t0 = System.nanoTime();
        long sealed = 0;
        try (Connection c = db.open()) {
            c.setAutoCommit(false);
            while (true) {
                Sealer.Round round = sealer.round(c);
                c.commit();
                sealer.checkpoint(round.size(), round.root(), Instant.now());
                if (round.appended() == 0) {
                    break;
                }
                sealed += round.appended();
            }
        }
        double sealSeconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf("sealing: %,d events in %.1f s (%,.0f events/s); this thread %s%n", sealed, sealSeconds,
                sealed / sealSeconds, usage.since(sealed));

        // 2. verification time
        usage = new Usage();
        t0 = System.nanoTime();
        Report report;
        try (Connection c = db.open()) {
            c.setAutoCommit(false);
            TrustedKeys keys = TrustedKeys.load(dir.resolve("trusted.pem"));
            Report fileFindings = new Report();
            List<Checkpoint> checkpoints = Checkpoints.read(dir.resolve("checkpoints.log"), keys, fileFindings);
            report = new DbVerifier(c, keys).verify(checkpoints);
            c.commit();
        }
        System.out.printf("verification: %,d events in %.1f s, verdict %s (exit %d); this thread %s%n", EVENTS,
                (System.nanoTime() - t0) / 1e9, report.verdict(), report.exitCode(), usage.since(EVENTS));

        if (!Boolean.parseBoolean(System.getProperty("bench.writers", "true"))) {
            return;
        }
        // 3. sealing lag at RATE events/s from 8 writers, the sealer on its default interval (PT1S)
        List<Long> lags = lag(db, sealer);
        Collections.sort(lags);
        System.out.printf("sealing lag at %,d events/s, %d writers, interval PT1S: p50 %d ms, p99 %d ms, max %d ms (%,d events)%n",
                RATE, WRITERS, lags.get(lags.size() / 2), lags.get((int) (lags.size() * 0.99)), lags.get(lags.size() - 1), lags.size());

        // 4. the writers' throughput with the sealer running and without it
        double off = writers(db, null, Duration.ofSeconds(10));
        double on = writers(db, sealer, Duration.ofSeconds(10));
        double off2 = writers(db, null, Duration.ofSeconds(10));
        System.out.printf("audited event writes, %d writers flat out: sealing off %,.0f/s, on %,.0f/s, off again %,.0f/s%n",
                WRITERS, off, on, off2);

        // 5. the writers' latency at RATE events/s, sealing off and on in alternating phases of one run
        List<Long> offLatency = new ArrayList<>();
        List<Long> onLatency = new ArrayList<>();
        int phases = Integer.getInteger("bench.latency-phases", 6);
        Duration phase = Duration.ofSeconds(Integer.getInteger("bench.latency-seconds", 10));
        for (int i = 0; i < phases; i++) {
            boolean sealing = i % 2 == 1;
            List<Long> latencies = paced(db, sealing ? sealer : null, phase);
            (sealing ? onLatency : offLatency).addAll(latencies);
            Collections.sort(latencies);
            System.out.printf("  phase %d, sealing %s: p50 %.2f ms, p99 %.2f ms (%,d events)%n", i + 1, sealing ? "on " : "off",
                    percentile(latencies, 0.5), percentile(latencies, 0.99), latencies.size());
        }
        Collections.sort(offLatency);
        Collections.sort(onLatency);
        System.out.printf("audited event write latency at %,d events/s, %d writers, %d alternating phases of %d s: "
                        + "sealing off p50 %.2f ms, p99 %.2f ms; on p50 %.2f ms, p99 %.2f ms%n", RATE, WRITERS, phases,
                phase.toSeconds(), percentile(offLatency, 0.5), percentile(offLatency, 0.99),
                percentile(onLatency, 0.5), percentile(onLatency, 0.99));
    }

    private static double percentile(List<Long> sortedNanos, double p) {
        return sortedNanos.isEmpty() ? Double.NaN
                : sortedNanos.get(Math.min(sortedNanos.size() - 1, (int) (sortedNanos.size() * p))) / 1e6;
    }

    /** The latency of each insert (one transaction each) of 8 writers at RATE events/s for {@code duration}. */
    private static List<Long> paced(Db db, Sealer sealer, Duration duration) throws Exception {
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS + 1);
        Future<?> sealing = sealer == null ? null : pool.submit(() -> seal(db, sealer, running, Duration.ofSeconds(1)));
        long perWriterNanos = 1_000_000_000L * WRITERS / RATE;
        long end = System.nanoTime() + duration.toNanos();
        List<Future<List<Long>>> writers = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            long offset = perWriterNanos * w / WRITERS;
            writers.add(pool.submit(() -> {
                List<Long> latencies = new ArrayList<>();
                try (Connection c = db.open(); PreparedStatement insert = c.prepareStatement(INSERT)) {
                    long next = System.nanoTime() + offset;
                    while (next < end) {
                        long sleep = next - System.nanoTime();
                        if (sleep > 0) {
                            TimeUnit.NANOSECONDS.sleep(sleep);
                        }
                        long t0 = System.nanoTime();
                        bind(insert, Instant.now(), "latency");
                        insert.executeUpdate();
                        latencies.add(System.nanoTime() - t0);
                        next += perWriterNanos;
                    }
                }
                return latencies;
            }));
        }
        List<Long> all = new ArrayList<>();
        for (Future<List<Long>> f : writers) {
            all.addAll(f.get());
        }
        running.set(false);
        if (sealing != null) {
            sealing.get();
        }
        pool.shutdown();
        return all;
    }

    /**
     * CPU time and allocation of the calling thread since construction: on a loaded machine wall time says little,
     * these say what the work costs (for H2 they include the embedded database's work, for PostgreSQL the driver's).
     */
    static final class Usage {
        private final com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        private final long cpu = threads.getCurrentThreadCpuTime();
        private final long allocated = threads.getCurrentThreadAllocatedBytes();

        String since(long rows) {
            double cpuSeconds = (threads.getCurrentThreadCpuTime() - cpu) / 1e9;
            long bytes = threads.getCurrentThreadAllocatedBytes() - allocated;
            return String.format("CPU %.1f s (%.1f µs/event), allocated %,d MB (%,d bytes/event)", cpuSeconds,
                    cpuSeconds * 1e6 / Math.max(1, rows), bytes >> 20, bytes / Math.max(1, rows));
        }
    }

    private static List<Long> lag(Db db, Sealer sealer) throws Exception {
        long from;
        try (Connection c = db.open(); ResultSet rs = c.createStatement().executeQuery("select coalesce(max(id), 0) from attest_event")) {
            rs.next();
            from = rs.getLong(1);
        }
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS + 1);
        Future<?> sealing = pool.submit(() -> seal(db, sealer, running, Duration.ofSeconds(1)));
        List<Future<?>> writers = new ArrayList<>();
        long perWriterNanos = 1_000_000_000L * WRITERS / RATE;
        long end = System.nanoTime() + LAG_RUN.toNanos();
        for (int w = 0; w < WRITERS; w++) {
            writers.add(pool.submit(() -> {
                try (Connection c = db.open(); PreparedStatement insert = c.prepareStatement(INSERT)) {
                    long next = System.nanoTime();
                    while (next < end) {
                        bind(insert, Instant.now(), "lag");
                        insert.executeUpdate();
                        next += perWriterNanos;
                        long sleep = next - System.nanoTime();
                        if (sleep > 0) {
                            TimeUnit.NANOSECONDS.sleep(sleep);
                        }
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : writers) {
            f.get();
        }
        // wait until the last written event is sealed
        try (Connection c = db.open()) {
            while (true) {
                try (ResultSet rs = c.createStatement().executeQuery("select count(*) from attest_event e where e.id > "
                        + from + " and not exists (select 1 from attest_seal_leaf l where l.ref_table = 'attest_event' and l.ref_id = e.id)")) {
                    rs.next();
                    if (rs.getLong(1) == 0) {
                        break;
                    }
                }
                Thread.sleep(100);
            }
        }
        running.set(false);
        sealing.get();
        pool.shutdown();
        List<Long> lags = new ArrayList<>();
        try (Connection c = db.open(); PreparedStatement s = c.prepareStatement("select e.occurred_at, l.sealed_at from attest_event e "
                + "join attest_seal_leaf l on l.ref_table = 'attest_event' and l.ref_id = e.id where e.id > ?")) {
            s.setLong(1, from);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    lags.add(Duration.between(rs.getTimestamp(1).toInstant(), rs.getTimestamp(2).toInstant()).toMillis());
                }
            }
        }
        return lags;
    }

    private static Void seal(Db db, Sealer sealer, AtomicBoolean running, Duration interval) throws Exception {
        try (Connection c = db.open()) {
            c.setAutoCommit(false);
            long next = System.nanoTime();
            while (running.get()) {
                Sealer.Round round = sealer.round(c);
                c.commit();
                sealer.checkpoint(round.size(), round.root(), Instant.now());
                // as SealService does: a round every interval at a fixed rate, a full round (a backlog) followed at once
                next += interval.toNanos();
                long wait = next - System.nanoTime();
                if (round.appended() < sealer.settings().batchSize() && wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
            }
        }
        return null;
    }

    /** Events per second 8 writers insert (one transaction each) in {@code duration}, with {@code sealer} running or not. */
    private static double writers(Db db, Sealer sealer, Duration duration) throws Exception {
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS + 1);
        Future<?> sealing = sealer == null ? null : pool.submit(() -> seal(db, sealer, running, Duration.ofSeconds(1)));
        AtomicLong written = new AtomicLong();
        long end = System.nanoTime() + duration.toNanos();
        List<Future<?>> writers = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            writers.add(pool.submit(() -> {
                try (Connection c = db.open(); PreparedStatement insert = c.prepareStatement(INSERT)) {
                    while (System.nanoTime() < end) {
                        bind(insert, Instant.now(), "overhead");
                        insert.executeUpdate();
                        written.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : writers) {
            f.get();
        }
        running.set(false);
        if (sealing != null) {
            sealing.get();
        }
        pool.shutdown();
        return written.get() / (duration.toNanos() / 1e9);
    }

    static final String INSERT = "insert into attest_event (occurred_at, category, action, outcome, actor_type, actor_id, "
            + "target_type, target_id, client_address, http_method, http_path, request_id, correlation_id, duration_ms, details) "
            + "values (?, 'ACTION', ?, 'SUCCESS', 'USER', ?, 'Invoice', ?, '203.0.113.7', 'POST', '/invoices/approve', ?, ?, 12, ?)";

    private static final AtomicLong SEQUENCE = new AtomicLong();

    static void bind(PreparedStatement insert, Instant at, String action) throws SQLException {
        long n = SEQUENCE.incrementAndGet();
        insert.setTimestamp(1, Timestamp.from(at));
        insert.setString(2, "invoice." + action);
        insert.setString(3, "user-" + (n % 1000));
        insert.setString(4, String.valueOf(n % 20_000));
        insert.setString(5, "r-" + n);
        insert.setString(6, "c-" + n);
        insert.setString(7, "{\"comment\":\"benchmark " + n + "\"}");
    }

    private static void load(Connection c, int events) throws SQLException {
        c.setAutoCommit(false);
        Instant start = Instant.now().minus(Duration.ofDays(365));
        try (PreparedStatement insert = c.prepareStatement(INSERT)) {
            for (int i = 0; i < events; i++) {
                bind(insert, start.plusMillis(i * 31_000L), "approve");
                insert.addBatch();
                if (i % 5_000 == 4_999) {
                    insert.executeBatch();
                    c.commit();
                }
            }
            insert.executeBatch();
            c.commit();
        }
        c.setAutoCommit(true);
    }

    /** The tables of Attest's mappings, as Hibernate creates them. */
    private static void schema(Connection c, boolean postgresql) throws SQLException {
        String ts = "timestamp(6) with time zone";
        String identity = "bigint generated by default as identity primary key";
        try (Statement s = c.createStatement()) {
            for (String table : List.of("attest_seal_checkpoint", "attest_seal_lease", "attest_seal_gap", "attest_seal_state",
                    "attest_seal_leaf", "attest_revision", "attest_event")) {
                s.execute("drop table if exists " + table);
            }
            s.execute("create table attest_event (id " + identity + ", occurred_at " + ts + " not null, category varchar(16) not null, "
                    + "action varchar(255) not null, outcome varchar(16) not null, actor_type varchar(16) not null, "
                    + "actor_id varchar(255) not null, on_behalf_of_type varchar(16), on_behalf_of_id varchar(255), "
                    + "target_type varchar(255), target_id varchar(255), reason varchar(2000), client_address varchar(64), "
                    + "user_agent varchar(2000), http_method varchar(16), http_path varchar(2000), request_id varchar(128), "
                    + "correlation_id varchar(64), duration_ms bigint, details varchar(32000), error_type varchar(255), "
                    + "error_message varchar(2000), replaces_id bigint)");
            s.execute("create table attest_revision (id " + identity + ", revision_time bigint not null, actor_type varchar(16), "
                    + "actor_id varchar(255), on_behalf_of_type varchar(16), on_behalf_of_id varchar(255), request_id varchar(128), "
                    + "client_address varchar(64), correlation_id varchar(64), reason varchar(2000))");
            s.execute("create table attest_seal_leaf (leaf_index bigint primary key, kind varchar(16) not null, "
                    + "ref_table varchar(64) not null, ref_id bigint not null, salt varchar(32), leaf_hash varchar(64) not null, "
                    + "aud_digests varchar(32000), sealed_at " + ts + " not null, constraint attest_seal_leaf_row unique (ref_table, ref_id))");
            s.execute("create table attest_seal_state (id integer primary key, tree_size bigint not null, frontier varchar(4096) not null, "
                    + "event_high bigint not null, revision_high bigint not null, updated_at " + ts + " not null)");
            s.execute("create table attest_seal_gap (ref_table varchar(64) not null, ref_id bigint not null, opened_at " + ts
                    + " not null, primary key (ref_table, ref_id))");
            s.execute("create table attest_seal_lease (name varchar(32) primary key, holder varchar(128) not null, expires_at " + ts + " not null)");
            s.execute("create table attest_seal_checkpoint (hash varchar(64) primary key, tree_size bigint not null, checkpoint varchar(4000) not null)");
        }
    }
}
