package dev.attest.it;

import dev.attest.AuditEvent;
import dev.attest.AuditTrail;
import dev.attest.EventQuery;
import dev.attest.it.app.Invoice;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import java.math.BigDecimal;
import java.util.List;

/** Reads and prepares stored rows for assertions, each call in its own transaction. */
@ApplicationScoped
@Transactional(Transactional.TxType.REQUIRES_NEW)
public class Probe {

    @PersistenceContext
    EntityManager em;

    @Inject
    AuditTrail trail;

    public Invoice invoice(String number, String customer) {
        Invoice invoice = new Invoice(number, customer, new BigDecimal("100.00"));
        em.persist(invoice);
        return invoice;
    }

    public Invoice find(long id) {
        return em.find(Invoice.class, id);
    }

    public long count(String entity, String where, Object... parameters) {
        var query = em.createQuery("select count(x) from " + entity + " x where " + where, Long.class);
        for (int i = 0; i < parameters.length; i++) {
            query.setParameter(i + 1, parameters[i]);
        }
        return query.getSingleResult();
    }

    /** Every event of {@code action}, oldest first. */
    public List<AuditEvent> events(String action) {
        return oldestFirst(new EventQuery().action(action));
    }

    /** Every event of {@code action} on the target with this id, oldest first. */
    public List<AuditEvent> events(String action, Object targetId) {
        return oldestFirst(new EventQuery().action(action).target(null, targetId));
    }

    /** The one event of {@code action} on the target with this id; fails unless there is exactly one. */
    public AuditEvent single(String action, Object targetId) {
        return only(action, events(action, targetId));
    }

    private List<AuditEvent> oldestFirst(EventQuery query) {
        List<AuditEvent> newestFirst = new java.util.ArrayList<>(trail.events(query));
        java.util.Collections.reverse(newestFirst);
        return newestFirst;
    }

    /** The one event of {@code action}; fails unless there is exactly one. */
    public AuditEvent single(String action) {
        return only(action, events(action));
    }

    private static AuditEvent only(String action, List<AuditEvent> events) {
        if (events.size() != 1) {
            throw new AssertionError("expected one event '" + action + "', found " + events.size() + ": " + events);
        }
        return events.get(0);
    }

    /** Waits up to 30 seconds for the first event of {@code action} on {@code targetId}, for work on other threads. */
    public AuditEvent await(String action, Object targetId) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < deadline) {
            List<AuditEvent> events = events(action, targetId);
            if (!events.isEmpty()) {
                return events.get(0);
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no event '" + action + "' on " + targetId + " within 30 s");
    }

    /** The actor ({@code TYPE:id}) of the revisions that added the invoices of {@code customer}. */
    public List<String> revisionActors(String customer) {
        List<String> actors = new java.util.ArrayList<>();
        for (Object[] row : rows("select r.actor_type, r.actor_id from Invoice_AUD a join attest_revision r on a.REV = r.id"
                + " where a.customer = '" + customer.replace("'", "''") + "' and a.REVTYPE = 0")) {
            actors.add(row[0] + ":" + row[1]);
        }
        return actors;
    }

    /** The rows of a native query, each as an array of column values. */
    @SuppressWarnings("unchecked")
    public List<Object[]> rows(String sql) {
        return em.createNativeQuery(sql).getResultList();
    }

    /** The product name of the database the persistence unit writes to. */
    public String databaseName() {
        String[] name = new String[1];
        em.unwrap(org.hibernate.Session.class).doWork(connection -> name[0] = connection.getMetaData().getDatabaseProductName());
        return name[0];
    }

    /** Runs native SQL (DDL or DML). */
    public void execute(String sql) {
        em.createNativeQuery(sql).executeUpdate();
    }

    /** Every value of every text column of the given tables, concatenated: to search for leaked secrets. */
    @SuppressWarnings("unchecked")
    public String dump(String... tables) {
        StringBuilder all = new StringBuilder();
        for (String table : tables) {
            for (Object row : em.createNativeQuery("select * from " + table).getResultList()) {
                all.append(row instanceof Object[] cells ? java.util.Arrays.toString(cells) : String.valueOf(row)).append('\n');
            }
        }
        return all.toString();
    }
}
