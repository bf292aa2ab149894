package dev.attest.it;

import dev.attest.AuditEvent;
import dev.attest.Outcome;
import dev.attest.it.outcome.PlainWork;
import dev.attest.it.outcome.Steps;
import dev.attest.internal.store.JournalWriter;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.UserTransaction;
import org.hibernate.Session;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * FAIL_OPEN with the durable journal: work goes on while the store refuses its events, and the events reach
 * the store when it answers again, in order, once each, with their original times.
 */
@ExtendWith(ArquillianExtension.class)
class JournalIT {

    @Deployment
    static WebArchive deployment() {
        return Deployments.war("journal", Deployments.config("attest.failure-policy=FAIL_OPEN",
                "attest.journal.retry-interval=PT0.5S"), Outage.class, Steps.class, PlainWork.class);
    }

    @Inject
    Probe probe;

    @Inject
    Steps steps;

    @Inject
    PlainWork plain;

    @Inject
    UserTransaction transaction;

    @PersistenceContext
    EntityManager em;

    @Inject
    JournalWriter journal;

    @Test
    void theDefaultJournalIsInTheServerInstancesOwnFolderNotOneOtherServersShare() {
        java.nio.file.Path file = journal.file().toAbsolutePath();
        assertEquals(Server.journalDir().resolve("journal.journal").toAbsolutePath(), file);
        assertTrue(file.startsWith(Server.instanceDir()), "under " + Server.instanceDir() + ": " + file);
        // the folder every server on the machine would share (the default before): one would replay and empty another's
        assertNotEquals(java.nio.file.Path.of(System.getProperty("java.io.tmpdir"), "attest").toAbsolutePath(),
                file.getParent(), "where another server on the machine would replay and empty it: " + file);
    }

    @Test
    void eventsTheStoreRefusedArriveOnceInOrderWithTheirTimesWhenItIsBack() throws Exception {
        int n = 20;
        List<Instant> called = new ArrayList<>();
        Outage.begin(probe, "kept-");
        try {
            for (int i = 0; i < n; i++) {
                called.add(Instant.now());
                plain.send("kept-" + i);
                assertTrue(plain.sent("kept-" + i), "the call succeeded");
            }
            Thread.sleep(1_200);
            assertEquals(0, probe.count("AttestEvent", "x.targetId like ?1", "kept-%"), "the store refused them");
        } finally {
            Outage.end(probe);
        }

        List<AuditEvent> events = Outage.await(probe, "outage.plain", "kept-", n);
        assertEquals(n, events.size(), "every event arrived: " + events);
        Thread.sleep(1_000);
        assertEquals(n, probe.count("AttestEvent", "x.targetId like ?1", "kept-%"), "each exactly once");
        for (int i = 0; i < n; i++) {
            AuditEvent event = events.get(i);
            assertEquals("kept-" + i, event.targetId(), "in the order of the calls");
            assertEquals(Outcome.SUCCESS, event.outcome());
            assertFalse(event.occurredAt().isBefore(called.get(i).minusMillis(1)), "its original time");
            assertTrue(event.occurredAt().isBefore(called.get(i).plusMillis(1_000)), "its original time, not the replay's");
        }
        for (int i = 1; i < n; i++) {
            assertTrue(events.get(i).id() > events.get(i - 1).id(), "written in order");
        }
        List<AuditEvent> replayed = probe.events("audit.journal.replayed");
        assertFalse(replayed.isEmpty(), "a SYSTEM event says how many were delayed");
        AuditEvent last = replayed.get(replayed.size() - 1);
        assertEquals(dev.attest.Category.SYSTEM, last.category());
        assertTrue(last.details().contains("\"delayed\":" + n), last.details());
    }

    @Test
    void eventOfATransactionRefusedByTheStoreFollowsTheOutcomeOfItsTransaction() throws Exception {
        Outage.begin(probe, "in-tx-");
        try {
            transaction.begin();
            plain.send("in-tx-commit");
            transaction.commit();
            transaction.begin();
            plain.send("in-tx-rollback");
            transaction.rollback();
        } finally {
            Outage.end(probe);
        }
        assertEquals(Outcome.SUCCESS, probe.await("outage.plain", "in-tx-commit").outcome(), "committed: SUCCESS");
        AuditEvent rolledBack = probe.await("outage.plain", "in-tx-rollback");
        assertEquals(Outcome.FAILURE, rolledBack.outcome(), "rolled back: FAILURE, never SUCCESS");
        assertEquals("TransactionRolledBack", rolledBack.errorType());
    }

    @Test
    void theJournalHoldsTheRedactedEventNeverASecret() throws Exception {
        Outage.begin(probe, "secret-");
        try {
            plain.sendWithSecrets("secret-1", "4711-pin-value", "hunter2-password-value");
            java.nio.file.Path file = Server.journalDir().resolve("journal.journal");
            String journal = java.nio.file.Files.readString(file);
            assertTrue(journal.contains("secret-1"), "the event waits in the journal");
            assertFalse(journal.contains("4711-pin-value"), "no @Redacted value in the journal");
            assertFalse(journal.contains("hunter2-password-value"), "no value of a secret-named argument in the journal");
        } finally {
            Outage.end(probe);
        }
        AuditEvent event = probe.await("outage.secret", "secret-1");
        assertTrue(event.details().contains("***REDACTED***"), event.details());
    }

    @Test
    void fiveHundredAuditedCallsInOneTransactionLeaveNoSavepointOpen() throws Exception {
        transaction.begin();
        try {
            for (int i = 0; i < 500; i++) {
                steps.quick("many-" + i);
            }
            assertFalse(attestSavepointOpen(), "every savepoint Attest opened is released");
            transaction.commit();
        } catch (Exception | AssertionError e) {
            if (transaction.getStatus() != jakarta.transaction.Status.STATUS_NO_TRANSACTION) {
                transaction.rollback();
            }
            throw e;
        }
        assertEquals(500, probe.count("AttestEvent", "x.action = ?1", "step.quick"));
    }

    /**
     * Whether the connection of the current transaction still has Attest's savepoint open. PostgreSQL answers
     * {@code release savepoint} of an unknown savepoint with SQL state 3B001; H2 accepts any release, so there
     * every savepoint counts as released.
     */
    private boolean attestSavepointOpen() {
        boolean[] open = new boolean[1];
        em.unwrap(Session.class).doWork(connection -> {
            if (!connection.getMetaData().getDatabaseProductName().contains("PostgreSQL")) {
                return;
            }
            try (Statement statement = connection.createStatement()) {
                statement.execute("savepoint attest_probe");
                try {
                    statement.execute("release savepoint attest_event_write");
                    open[0] = true;
                } catch (SQLException e) {
                    assertEquals("3B001", e.getSQLState(), e.toString());
                    statement.execute("rollback to savepoint attest_probe");
                    statement.execute("release savepoint attest_probe");
                }
            }
        });
        return open[0];
    }
}
