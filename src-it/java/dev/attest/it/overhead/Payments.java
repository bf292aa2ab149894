package dev.attest.it.overhead;

import dev.attest.AuditAction;
import dev.attest.AuditTarget;
import dev.attest.internal.context.Ids;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import org.hibernate.Session;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One business transaction (load an account, update its balance, insert a transfer) in the four forms the
 * overhead benchmark compares: without Envers, with Envers alone, with Envers and one event row written by hand
 * into a table without secondary indexes (the floor), and with Envers and {@code @AuditAction}.
 */
@ApplicationScoped
@Transactional
public class Payments {

    /** The action name of the audited form. */
    public static final String ACTION = "bench.transfer";

    private static final String FLOOR_INSERT = "insert into bench_floor_event (occurred_at, category, action, outcome, "
            + "actor_type, actor_id, on_behalf_of_type, on_behalf_of_id, target_type, target_id, reason, client_address, "
            + "user_agent, http_method, http_path, request_id, correlation_id, duration_ms, details, error_type, "
            + "error_message, event_key, replaces_id) "
            + "values (?, 'ACTION', ?, 'SUCCESS', 'USER', ?, null, null, 'Account', ?, null, ?, ?, ?, ?, ?, ?, ?, ?, null, null, null, null)";

    /** The action of the events {@link #history} loads, apart from the ones the benchmark counts. */
    private static final String HISTORY_ACTION = "bench.history";

    private static final String HISTORY_INSERT = "insert into attest_event (occurred_at, category, action, outcome, "
            + "actor_type, actor_id, target_type, target_id, client_address, user_agent, http_method, http_path, "
            + "request_id, correlation_id, duration_ms, details) "
            + "values (?, 'ACTION', '" + HISTORY_ACTION + "', 'SUCCESS', 'USER', ?, 'Account', ?, '10.0.0.1', "
            + "'Java-http-client/17', 'POST', '/overhead-benchmark/secured/pay', ?, ?, 0, ?)";

    private static final AtomicLong FLOOR_IDS = new AtomicLong();

    @PersistenceContext
    EntityManager em;

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void open(int accounts) {
        for (long id = 1; id <= accounts; id++) {
            em.persist(new PlainAccount(id));
            em.persist(new Account(id));
        }
    }

    /**
     * Events {@code first} to {@code first + count - 1} of {@code total}, spread over the year before now, as Attest
     * writes them (request and correlation ids included): the history an event table holds in production.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void history(long first, int count, long total) {
        Instant now = Instant.now();
        long span = Duration.ofDays(365).toMillis();
        em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(HISTORY_INSERT)) {
                for (long n = first; n < first + count; n++) {
                    Instant occurred = now.minusMillis(span - span * n / total);
                    long millis = occurred.toEpochMilli();
                    insert.setObject(1, OffsetDateTime.ofInstant(occurred, ZoneOffset.UTC));
                    insert.setString(2, "user-" + n % 1_000);
                    insert.setString(3, Long.toString(n % 20_000));
                    insert.setString(4, Ids.timeOrderedUuid(millis));
                    insert.setString(5, Ids.timeOrderedUuid(millis));
                    insert.setString(6, "{\"arguments\":{\"accountId\":" + n % 20_000 + "}}");
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        });
    }

    public void unaudited(long accountId, BigDecimal amount, String reference) {
        em.find(PlainAccount.class, accountId).credit(amount);
        em.persist(new PlainTransfer(accountId, amount, reference));
    }

    public void envers(long accountId, BigDecimal amount, String reference) {
        book(accountId, amount, reference, "envers");
    }

    public void floor(long accountId, BigDecimal amount, String reference) {
        book(accountId, amount, reference, "floor");
        long n = FLOOR_IDS.incrementAndGet();
        String details = "{\"arguments\":{\"accountId\":" + accountId + ",\"amount\":" + amount + ",\"reference\":\""
                + reference + "\"}}";
        em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(FLOOR_INSERT)) {
                insert.setTimestamp(1, Timestamp.from(Instant.now()));
                insert.setString(2, ACTION);
                insert.setString(3, "alice");
                insert.setString(4, Long.toString(accountId));
                insert.setString(5, "127.0.0.1");
                insert.setString(6, "Java-http-client/17");
                insert.setString(7, "POST");
                insert.setString(8, "/overhead-benchmark/secured/pay");
                insert.setString(9, String.format("00000000-0000-4000-8000-%012d", n));
                insert.setString(10, String.format("00000000-0000-4000-9000-%012d", n));
                insert.setLong(11, 0L);
                insert.setString(12, details);
                insert.executeUpdate();
            }
        });
    }

    @AuditAction(ACTION)
    public void attest(@AuditTarget("Account") long accountId, BigDecimal amount, String reference) {
        book(accountId, amount, reference, "attest");
    }

    private void book(long accountId, BigDecimal amount, String reference, String phase) {
        em.find(Account.class, accountId).credit(amount);
        em.persist(new Transfer(accountId, amount, reference, phase));
    }
}
