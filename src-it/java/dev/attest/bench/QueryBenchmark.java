package dev.attest.bench;

import dev.attest.internal.context.Ids;
import dev.attest.internal.store.AuditEventEntity;
import dev.attest.internal.store.EventIndexes;
import jakarta.persistence.Index;
import jakarta.persistence.Table;

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
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Loads at least 1,000,000 events and 100,000 entity revisions with bulk JDBC inserts into H2 and into
 * PostgreSQL, then times the queries the audit browser issues (the SQL Hibernate generates for
 * {@code AuditTrail.events} and for an Envers entity history) and prints medians and the data size.
 * The event table's indexes are read from {@link AuditEventEntity}'s mapping, so the benchmark measures
 * the schema Attest ships.
 *
 * Then an entity with {@code bench.long-history} revisions, an action that changed {@code bench.bulk} entities,
 * and a year's summary per day, as {@code AuditTrail.history(type, id, before, limit)}, {@code changesOf} and
 * the summary API query them.
 *
 * <p>Run: {@code mvn -Pbenchmark verify -DskipITs} (options: {@code -Dbench.events},
 * {@code -Dbench.revisions}, {@code -Dbench.long-history}, {@code -Dbench.bulk}, {@code -Dbench.db=h2,postgresql},
 * {@code -Dbench.pg.url}, {@code -Dbench.pg.user}).
 */
public final class QueryBenchmark {

    private static final int EVENTS = Integer.getInteger("bench.events", 1_000_000);
    private static final int REVISIONS = Integer.getInteger("bench.revisions", 100_000);
    private static final int ACTORS = 1_000;
    private static final int INVOICES = 20_000;
    /** One invoice changed this many times (its own revisions, after the others). */
    private static final int LONG_HISTORY = Integer.getInteger("bench.long-history", 100_000);
    /** One action (one revision, one correlation id) that changed this many invoices, each added before. */
    private static final int BULK = Integer.getInteger("bench.bulk", 50_000);
    private static final long LONG_ID = 1_000_000_000L;
    private static final long BULK_FIRST_ID = 2_000_000_000L;
    private static final String BULK_CORRELATION = "bulk-action-correlation";
    private static final int RUNS = 31;
    private static final Instant START = Instant.parse("2025-01-01T00:00:00Z");
    private static final long SPAN_SECONDS = Duration.ofDays(365).toSeconds();
    private static final String[] ACTIONS = {"invoice.create", "invoice.approve", "invoice.reject", "invoice.view",
            "patient.view", "patient.update", "document.tag", "document.inspect", "report.run", "order.ship",
            "order.cancel", "user.update", "authn.login.success", "authn.login.failure", "data.export",
            "customer.create", "customer.update", "payment.capture", "payment.refund", "audit.read"};
    private static final String[] CATEGORIES = {"ACTION", "ACTION", "ACTION", "ACCESS", "ACCESS", "ACTION",
            "ACTION", "ACCESS", "ACCESS", "ACTION", "ACTION", "ACTION", "AUTHENTICATION", "AUTHENTICATION", "EXPORT",
            "ACTION", "ACTION", "ACTION", "ACTION", "ACCESS"};
    private static final String COLUMNS = "id, occurred_at, category, action, outcome, actor_type, actor_id,"
            + " on_behalf_of_type, on_behalf_of_id, target_type, target_id, reason, client_address, user_agent,"
            + " http_method, http_path, request_id, correlation_id, duration_ms, details, error_type, error_message";

    private QueryBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String dbs = System.getProperty("bench.db", "h2,postgresql");
        for (String db : dbs.split(",")) {
            switch (db.trim()) {
                case "h2" -> run("H2", DriverManager.getConnection(
                        "jdbc:h2:file:./target/bench/h2/attest;DB_CLOSE_DELAY=0", "sa", ""), false);
                case "postgresql" -> {
                    String url = System.getProperty("bench.pg.url", "jdbc:postgresql://127.0.0.1:5432/test");
                    try (Connection setup = DriverManager.getConnection(url, System.getProperty("bench.pg.user", "postgres"),
                            System.getProperty("bench.pg.password", ""))) {
                        setup.createStatement().execute("create schema if not exists attest_bench");
                    }
                    run("PostgreSQL", DriverManager.getConnection(url + "?currentSchema=attest_bench&reWriteBatchedInserts=true",
                            System.getProperty("bench.pg.user", "postgres"), System.getProperty("bench.pg.password", "")), true);
                }
                default -> throw new IllegalArgumentException("bench.db: h2 or postgresql, not " + db);
            }
        }
    }

    private static void run(String name, Connection connection, boolean postgresql) throws SQLException {
        try (connection) {
            System.out.printf("%n=== %s: %,d events, %,d revisions ===%n", name, EVENTS, REVISIONS);
            long started = System.nanoTime();
            schema(connection, postgresql);
            loadEvents(connection);
            loadRevisions(connection);
            loadLongHistoryAndBulkAction(connection);
            connection.createStatement().execute(postgresql ? "vacuum analyze" : "analyze");
            System.out.printf("loaded in %.1f s; %s%n", (System.nanoTime() - started) / 1e9, size(connection, postgresql));
            measure(connection);
        }
    }

    private static void schema(Connection c, boolean postgresql) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (String table : List.of("bench_invoice_aud", "attest_revision", "attest_event")) {
                s.execute("drop table if exists " + table);
            }
            String text = "varchar(2000)";
            s.execute("create table attest_event (id bigint primary key, occurred_at timestamp(6) with time zone not null,"
                    + " category varchar(16) not null, action varchar(255) not null, outcome varchar(16) not null,"
                    + " actor_type varchar(16) not null, actor_id varchar(255) not null, on_behalf_of_type varchar(16),"
                    + " on_behalf_of_id varchar(255), target_type varchar(255), target_id varchar(255), reason " + text + ","
                    + " client_address varchar(64), user_agent " + text + ", http_method varchar(16), http_path " + text + ","
                    + " request_id varchar(128), correlation_id varchar(64), duration_ms bigint, details varchar(32000),"
                    + " error_type varchar(255), error_message " + text + ", event_key varchar(36), replaces_id bigint)");
            for (Index index : AuditEventEntity.class.getAnnotation(Table.class).indexes()) {
                s.execute("create index " + index.name() + " on attest_event (" + index.columnList() + ")");
            }
            for (String index : EventIndexes.createStatements(postgresql)) {
                s.execute(index);
            }
            s.execute("create table attest_revision (id bigint primary key, revision_time timestamp(6) with time zone not null,"
                    + " actor_type varchar(16), actor_id varchar(255), on_behalf_of_type varchar(16), on_behalf_of_id varchar(255),"
                    + " request_id varchar(128), client_address varchar(64), correlation_id varchar(64), reason varchar(2000))");
            for (Index index : dev.attest.internal.envers.AttestRevision.class.getAnnotation(Table.class).indexes()) {
                s.execute("create index " + index.name() + " on attest_revision (" + index.columnList() + ")");
            }
            // what Envers generates for an audited entity: primary key (id, REV)
            s.execute("create table bench_invoice_aud (id bigint not null, rev bigint not null, revtype smallint,"
                    + " number varchar(255), customer varchar(255), amount numeric(38,2), status varchar(255),"
                    + " primary key (id, rev), foreign key (rev) references attest_revision (id))");
        }
    }

    private static void loadEvents(Connection c) throws SQLException {
        c.setAutoCommit(false);
        Random random = new Random(42);
        try (PreparedStatement insert = c.prepareStatement("insert into attest_event (" + COLUMNS + ") values"
                + " (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (int i = 1; i <= EVENTS; i++) {
                int a = random.nextInt(ACTIONS.length);
                String actor = "user-" + random.nextInt(ACTORS);
                boolean behalf = random.nextInt(50) == 0;
                boolean failed = random.nextInt(20) == 0;
                int invoice = random.nextInt(INVOICES * 5);
                Instant occurred = START.plusSeconds(SPAN_SECONDS * i / EVENTS);
                insert.setLong(1, i);
                insert.setObject(2, java.time.OffsetDateTime.ofInstant(occurred, java.time.ZoneOffset.UTC));
                insert.setString(3, CATEGORIES[a]);
                insert.setString(4, ACTIONS[a]);
                insert.setString(5, failed ? "FAILURE" : "SUCCESS");
                insert.setString(6, "USER");
                insert.setString(7, actor);
                insert.setString(8, behalf ? "USER" : null);
                insert.setString(9, behalf ? "customer-" + random.nextInt(ACTORS) : null);
                insert.setString(10, "Invoice");
                insert.setString(11, String.valueOf(invoice));
                insert.setString(12, null);
                insert.setString(13, "10.0." + random.nextInt(256) + "." + random.nextInt(256));
                insert.setString(14, "Mozilla/5.0 (X11; Linux x86_64) Chrome/131.0");
                insert.setString(15, "POST");
                insert.setString(16, "/app/api/invoices/" + invoice);
                // request and correlation ids as Attest makes them
                insert.setString(17, Ids.timeOrderedUuid(occurred.toEpochMilli()));
                insert.setString(18, Ids.timeOrderedUuid(occurred.toEpochMilli()));
                insert.setLong(19, random.nextInt(200));
                insert.setString(20, "{\"arguments\":{\"id\":" + invoice + ",\"comment\":\"checked by " + actor + "\"}}");
                insert.setString(21, failed ? "java.lang.IllegalStateException" : null);
                insert.setString(22, failed ? "invoice " + invoice + " is not a draft" : null);
                insert.addBatch();
                if (i % 5_000 == 0) {
                    insert.executeBatch();
                    c.commit();
                }
            }
            insert.executeBatch();
            c.commit();
        }
    }

    private static void loadRevisions(Connection c) throws SQLException {
        Random random = new Random(7);
        try (PreparedStatement revision = c.prepareStatement("insert into attest_revision (id, revision_time, actor_type,"
                + " actor_id, request_id, client_address, correlation_id) values (?, ?, 'USER', ?, ?, ?, ?)");
             PreparedStatement aud = c.prepareStatement("insert into bench_invoice_aud (id, rev, revtype, number,"
                     + " customer, amount, status) values (?, ?, ?, ?, ?, ?, ?)")) {
            String[] statuses = {"DRAFT", "SUBMITTED", "APPROVED", "PAID", "ARCHIVED"};
            int perInvoice = Math.max(1, REVISIONS / INVOICES);
            for (int r = 1; r <= REVISIONS; r++) {
                int invoice = (r - 1) % INVOICES + 1;
                int step = Math.min((r - 1) / INVOICES, perInvoice - 1);
                Instant time = START.plusSeconds(SPAN_SECONDS * r / REVISIONS);
                revision.setLong(1, r);
                revision.setObject(2, java.time.OffsetDateTime.ofInstant(time, java.time.ZoneOffset.UTC));
                revision.setString(3, "user-" + random.nextInt(ACTORS));
                revision.setString(4, Ids.timeOrderedUuid(time.toEpochMilli()));
                revision.setString(5, "10.0.0." + random.nextInt(256));
                revision.setString(6, Ids.timeOrderedUuid(time.toEpochMilli()));
                revision.addBatch();
                aud.setLong(1, invoice);
                aud.setLong(2, r);
                aud.setInt(3, step == 0 ? 0 : 1);
                aud.setString(4, "INV-" + invoice);
                aud.setString(5, "customer-" + (invoice % 997));
                aud.setBigDecimal(6, new java.math.BigDecimal(100 + invoice % 900).setScale(2));
                aud.setString(7, statuses[step % statuses.length]);
                aud.addBatch();
                if (r % 5_000 == 0) {
                    revision.executeBatch();
                    aud.executeBatch();
                    c.commit();
                }
            }
            revision.executeBatch();
            aud.executeBatch();
            c.commit();
        }
        c.setAutoCommit(true);
    }

    /**
     * An invoice with {@link #LONG_HISTORY} revisions, then one action that adds {@link #BULK} invoices in one
     * revision and one that changes them all in another: what Envers writes for such work.
     */
    private static void loadLongHistoryAndBulkAction(Connection c) throws SQLException {
        c.setAutoCommit(false);
        long next = REVISIONS + 1;
        try (PreparedStatement revision = c.prepareStatement("insert into attest_revision (id, revision_time, actor_type,"
                + " actor_id, correlation_id) values (?, ?, 'USER', ?, ?)");
             PreparedStatement aud = c.prepareStatement("insert into bench_invoice_aud (id, rev, revtype, number,"
                     + " customer, amount, status) values (?, ?, ?, ?, ?, ?, ?)")) {
            for (int i = 0; i < LONG_HISTORY; i++, next++) {
                revision.setLong(1, next);
                revision.setObject(2, java.time.OffsetDateTime.ofInstant(START.plusSeconds(SPAN_SECONDS * i / LONG_HISTORY), java.time.ZoneOffset.UTC));
                revision.setString(3, "user-" + i % ACTORS);
                revision.setString(4, "long-" + i);
                revision.addBatch();
                aud.setLong(1, LONG_ID);
                aud.setLong(2, next);
                aud.setInt(3, i == 0 ? 0 : 1);
                aud.setString(4, "INV-LONG");
                aud.setString(5, "customer-long");
                aud.setBigDecimal(6, new java.math.BigDecimal(i).setScale(2));
                aud.setString(7, "DRAFT");
                aud.addBatch();
                if (i % 5_000 == 4_999) {
                    revision.executeBatch();
                    aud.executeBatch();
                    c.commit();
                }
            }
            revision.executeBatch();
            aud.executeBatch();
            long added = next++;
            long changed = next++;
            for (long rev : new long[] {added, changed}) {
                revision.setLong(1, rev);
                revision.setObject(2, java.time.OffsetDateTime.ofInstant(START.plusSeconds(SPAN_SECONDS), java.time.ZoneOffset.UTC));
                revision.setString(3, "bulk-user");
                revision.setString(4, rev == added ? "bulk-create" : BULK_CORRELATION);
                revision.addBatch();
            }
            revision.executeBatch();
            c.commit();
            for (int i = 0; i < 2 * BULK; i++) {
                boolean change = i >= BULK;
                long id = BULK_FIRST_ID + i % BULK;
                aud.setLong(1, id);
                aud.setLong(2, change ? changed : added);
                aud.setInt(3, change ? 1 : 0);
                aud.setString(4, "INV-B" + id);
                aud.setString(5, "customer-bulk");
                aud.setBigDecimal(6, new java.math.BigDecimal("10.00"));
                aud.setString(7, change ? "APPROVED" : "DRAFT");
                aud.addBatch();
                if (i % 5_000 == 4_999) {
                    aud.executeBatch();
                    c.commit();
                }
            }
            aud.executeBatch();
            c.commit();
        }
        c.setAutoCommit(true);
    }

    private static String size(Connection c, boolean postgresql) throws SQLException {
        if (postgresql) {
            try (ResultSet rs = c.createStatement().executeQuery("select pg_size_pretty(pg_total_relation_size('attest_event')),"
                    + " pg_size_pretty(pg_total_relation_size('attest_revision') + pg_total_relation_size('bench_invoice_aud'))")) {
                rs.next();
                return "data size: attest_event " + rs.getString(1) + " (with indexes), revisions " + rs.getString(2);
            }
        }
        java.io.File file = new java.io.File("target/bench/h2/attest.mv.db");
        return String.format(Locale.ROOT, "data size: H2 file %.0f MB", file.length() / 1048576.0);
    }

    private interface Query {
        int run(Random random) throws SQLException;
    }

    private static void measure(Connection c) throws SQLException {
        String page = "select " + COLUMNS + " from attest_event e where ";
        // what AuditTrail.events runs: newest first by time, keyset cursor on (occurred_at, id)
        String order = " order by e.occurred_at desc, e.id desc fetch first 50 rows only";
        String after = "e.occurred_at <= ? and (e.occurred_at < ? or e.id < ?)";
        PreparedStatement cursorTime = c.prepareStatement("select occurred_at from attest_event where id = ?");
        PreparedStatement byActor = c.prepareStatement(page + "(e.actor_id = ? or e.on_behalf_of_id = ?)" + order);
        PreparedStatement byTarget = c.prepareStatement(page + "e.target_type = ? and e.target_id = ?" + order);
        PreparedStatement byPattern = c.prepareStatement(page + "e.action like ? escape '\\' and e.occurred_at >= ?"
                + " and e.occurred_at < ?" + order);
        PreparedStatement deep = c.prepareStatement(page + after + order);
        PreparedStatement deepActor = c.prepareStatement(page + "(e.actor_id = ? or e.on_behalf_of_id = ?) and " + after + order);
        PreparedStatement byCorrelation = c.prepareStatement(page + "e.correlation_id = ?" + order);
        PreparedStatement byRequest = c.prepareStatement(page + "e.request_id = ?" + order);
        PreparedStatement idsOf = c.prepareStatement("select correlation_id, request_id from attest_event where id = ?");
        PreparedStatement history = c.prepareStatement("select a.id, a.rev, a.revtype, a.number, a.customer, a.amount,"
                + " a.status, r.revision_time, r.actor_type, r.actor_id, r.correlation_id, r.request_id, r.client_address"
                + " from bench_invoice_aud a join attest_revision r on r.id = a.rev where a.id = ? order by a.rev");
        time("events by actor (newest 50)", random -> {
            String actor = "user-" + random.nextInt(ACTORS);
            byActor.setString(1, actor);
            byActor.setString(2, actor);
            return count(byActor);
        });
        time("events by target (newest 50)", random -> {
            byTarget.setString(1, "Invoice");
            byTarget.setString(2, String.valueOf(random.nextInt(INVOICES * 5)));
            return count(byTarget);
        });
        time("action 'invoice.*' in 30 days (newest 50)", random -> {
            Instant from = START.plus(Duration.ofDays(random.nextInt(330)));
            byPattern.setString(1, "invoice.%");
            byPattern.setObject(2, java.time.OffsetDateTime.ofInstant(from, java.time.ZoneOffset.UTC));
            byPattern.setObject(3, java.time.OffsetDateTime.ofInstant(from.plus(Duration.ofDays(30)), java.time.ZoneOffset.UTC));
            return count(byPattern);
        });
        time("action 'payment.refund' in 30 days (exact)", random -> {
            Instant from = START.plus(Duration.ofDays(random.nextInt(330)));
            byPattern.setString(1, "payment.refund");
            byPattern.setObject(2, java.time.OffsetDateTime.ofInstant(from, java.time.ZoneOffset.UTC));
            byPattern.setObject(3, java.time.OffsetDateTime.ofInstant(from.plus(Duration.ofDays(30)), java.time.ZoneOffset.UTC));
            return count(byPattern);
        });
        time("deep page: 50 before a cursor 19,000 pages down", random -> {
            cursor(deep, 1, cursorTime, Math.max(1_000, EVENTS - 950_000L) + random.nextInt(1_000));
            return count(deep);
        });
        time("deep page of one actor (cursor at the oldest tenth)", random -> {
            String actor = "user-" + random.nextInt(ACTORS);
            deepActor.setString(1, actor);
            deepActor.setString(2, actor);
            cursor(deepActor, 3, cursorTime, EVENTS / 10);
            return count(deepActor);
        });
        // each run first reads a random event's ids by its key (as the cursor pages read their cursor's time)
        time("events of one correlation id", random -> {
            byCorrelation.setString(1, idOf(idsOf, 1 + random.nextInt(EVENTS), 1));
            return count(byCorrelation);
        });
        time("events of one request id", random -> {
            byRequest.setString(1, idOf(idsOf, 1 + random.nextInt(EVENTS), 2));
            return count(byRequest);
        });
        time("entity history (5 revisions with actor)", random -> {
            history.setLong(1, 1 + random.nextInt(INVOICES));
            return count(history);
        });

        // what AuditTrail.history(type, id, before, limit) runs: one key range, newest first, one row more than the
        // page (each revision's state before is the next row)
        String page50 = "select c.id, c.rev, c.revtype, c.number, c.customer, c.amount, c.status,"
                + " r.id, r.revision_time, r.actor_type, r.actor_id, r.correlation_id, r.request_id, r.client_address"
                + " from bench_invoice_aud c join attest_revision r on r.id = c.rev where c.id = ?";
        // what changesOf(correlationId) runs: each revision row joined to its revision and to the entity's state at
        // the revision before (a correlated max on the key)
        String rows = "select c.id, c.rev, c.revtype, c.number, c.customer, c.amount, c.status,"
                + " p.rev, p.revtype, p.number, p.customer, p.amount, p.status,"
                + " r.id, r.revision_time, r.actor_type, r.actor_id, r.correlation_id, r.request_id, r.client_address"
                + " from bench_invoice_aud c join attest_revision r on r.id = c.rev"
                + " left join bench_invoice_aud p on p.id = c.id and p.rev = (select max(q.rev) from bench_invoice_aud q"
                + " where q.id = c.id and q.rev < c.rev) where ";
        PreparedStatement newest = c.prepareStatement(page50 + " order by c.rev desc fetch first 51 rows only");
        PreparedStatement older = c.prepareStatement(page50 + " and c.rev < ? order by c.rev desc fetch first 51 rows only");
        PreparedStatement bulk = c.prepareStatement(rows + "r.correlation_id = ? order by c.rev, c.id");
        time(String.format(Locale.ROOT, "history of an entity with %,d revisions: newest 50", LONG_HISTORY), random -> {
            newest.setLong(1, LONG_ID);
            return count(newest);
        });
        time(String.format(Locale.ROOT, "... 50 older than a cursor in the oldest tenth"), random -> {
            older.setLong(1, LONG_ID);
            older.setLong(2, REVISIONS + 1 + LONG_HISTORY / 10 + random.nextInt(1_000));
            return count(older);
        });
        timeFew(String.format(Locale.ROOT, "changes of an action that changed %,d entities", BULK), 5, random -> {
            bulk.setString(1, BULK_CORRELATION);
            return count(bulk);
        });

        // the summary's events per day over a year: one grouped query, against the 366 per-day queries it replaces
        String perDay = "select floor(extract(epoch from e.occurred_at) / 86400), e.category, count(*) from attest_event e"
                + " where e.occurred_at >= ? and e.occurred_at < ? group by floor(extract(epoch from e.occurred_at) / 86400), e.category";
        PreparedStatement year = c.prepareStatement(perDay);
        PreparedStatement day = c.prepareStatement("select e.category, count(*) from attest_event e where e.occurred_at >= ?"
                + " and e.occurred_at < ? group by e.category");
        timeFew("a year's summary per day: one grouped query", 5, random -> {
            year.setObject(1, java.time.OffsetDateTime.ofInstant(START, java.time.ZoneOffset.UTC));
            year.setObject(2, java.time.OffsetDateTime.ofInstant(START.plus(Duration.ofDays(366)), java.time.ZoneOffset.UTC));
            return count(year);
        });
        timeFew("a year's summary per day: 366 queries (before)", 5, random -> {
            int rowsRead = 0;
            for (int d = 0; d < 366; d++) {
                day.setObject(1, java.time.OffsetDateTime.ofInstant(START.plus(Duration.ofDays(d)), java.time.ZoneOffset.UTC));
                day.setObject(2, java.time.OffsetDateTime.ofInstant(START.plus(Duration.ofDays(d + 1)), java.time.ZoneOffset.UTC));
                rowsRead += count(day);
            }
            return rowsRead;
        });
    }

    /** Binds the keyset cursor of event {@code id} at parameter {@code first}: its time twice, then its id. */
    private static void cursor(PreparedStatement page, int first, PreparedStatement cursorTime, long id) throws SQLException {
        cursorTime.setLong(1, id);
        try (ResultSet rs = cursorTime.executeQuery()) {
            rs.next();
            Object time = rs.getObject(1);
            page.setObject(first, time);
            page.setObject(first + 1, time);
        }
        page.setLong(first + 2, id);
    }

    /** Column {@code column} of {@code ids} (correlation id, request id) for event {@code id}. */
    private static String idOf(PreparedStatement ids, long id, int column) throws SQLException {
        ids.setLong(1, id);
        try (ResultSet rs = ids.executeQuery()) {
            rs.next();
            return rs.getString(column);
        }
    }

    private static int count(PreparedStatement statement) throws SQLException {
        int rows = 0;
        try (ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                rows++;
            }
        }
        return rows;
    }

    private static void time(String name, Query query) throws SQLException {
        timeFew(name, RUNS, query);
    }

    /** Medians of {@code runs} runs after a warm-up of {@code min(5, runs)}: for the heavy queries, fewer runs. */
    private static void timeFew(String name, int runs, Query query) throws SQLException {
        Random random = new Random(name.hashCode());
        for (int i = 0; i < Math.min(5, runs); i++) {
            query.run(random);
        }
        double[] millis = new double[runs];
        long rows = 0;
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            rows += query.run(random);
            millis[i] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(millis);
        System.out.printf(Locale.ROOT, "%-56s median %8.2f ms   p90 %8.2f ms   max %8.2f ms   (%.0f rows/query, %d runs)%n",
                name, millis[runs / 2], millis[(int) (runs * 0.9)], millis[runs - 1], rows / (double) runs, runs);
    }
}
