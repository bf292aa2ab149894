package dev.attest.it;

import dev.attest.AuditEvent;
import dev.attest.AuditWriteException;
import dev.attest.Outcome;
import dev.attest.it.outcome.PlainWork;
import dev.attest.it.outcome.Steps;
import jakarta.inject.Inject;
import jakarta.transaction.RollbackException;
import jakarta.transaction.UserTransaction;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The outcome of the transaction decides the outcome of the event, whoever ends the transaction (the caller,
 * a failed commit, the transaction reaper), and the attempt survives a store that refuses it for a while.
 * Default policy: FAIL_CLOSED.
 */
@ExtendWith(ArquillianExtension.class)
class TransactionOutcomeIT {

    @Deployment
    static WebArchive deployment() {
        return Deployments.war("transaction-outcome", "attest.journal.retry-interval=PT0.5S",
                Outage.class, Steps.class, PlainWork.class);
    }

    @Inject
    Probe probe;

    @Inject
    Steps steps;

    @Inject
    PlainWork plain;

    @Inject
    UserTransaction transaction;

    @Test
    void actionOutlivingItsTransactionTimeoutIsFailureNotSuccess() throws Exception {
        transaction.setTransactionTimeout(1);
        try {
            transaction.begin();
            steps.slow("timeout-1", 1_500);
            assertThrows(RollbackException.class, transaction::commit, "the reaper rolled the transaction back");
        } finally {
            transaction.setTransactionTimeout(0);
        }

        AuditEvent event = probe.single("step.slow", "timeout-1");
        assertEquals(Outcome.FAILURE, event.outcome(), "a timed-out transaction never means SUCCESS");
        assertEquals("TransactionRolledBack", event.errorType());
    }

    @Test
    void fiftyTimedOutTransactionsFinishPromptlyAndEachLeavesAFailure() throws Exception {
        int rounds = 5;
        int perRound = 10; // fewer than the connections of the pool: each transaction holds one until it ends
        int count = rounds * perRound;
        ConcurrentLinkedQueue<Throwable> unexpected = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Long> commitMillis = new ConcurrentLinkedQueue<>();
        long start = System.nanoTime();
        for (int round = 0; round < rounds; round++) {
            List<Thread> threads = new ArrayList<>();
            java.util.concurrent.CountDownLatch allInside = new java.util.concurrent.CountDownLatch(perRound);
            for (int i = 0; i < perRound; i++) {
                String id = "reaped-" + round + "-" + i;
                Thread thread = new Thread(() -> {
                    try {
                        // each writes its SUCCESS row inside its transaction, then all outlive their timeout together
                        transaction.setTransactionTimeout(2);
                        long begun = System.nanoTime();
                        transaction.begin();
                        try {
                            steps.quick(id);
                        } finally {
                            allInside.countDown();
                        }
                        allInside.await();
                        Thread.sleep(Math.max(0, 3_000 - (System.nanoTime() - begun) / 1_000_000));
                        long before = System.nanoTime();
                        try {
                            transaction.commit();
                            unexpected.add(new AssertionError("committed after its timeout: " + id));
                        } catch (RollbackException expected) {
                            commitMillis.add((System.nanoTime() - before) / 1_000_000);
                        }
                    } catch (Throwable e) {
                        unexpected.add(e);
                    }
                });
                threads.add(thread);
                thread.start();
            }
            for (Thread thread : threads) {
                thread.join(120_000);
            }
        }
        long finished = (System.nanoTime() - start) / 1_000_000;

        assertTrue(unexpected.isEmpty(), unexpected.toString());
        long deadline = System.nanoTime() + 10_000_000_000L;
        long failures = 0;
        while (System.nanoTime() < deadline && (failures = failures("step.quick")) < count) {
            Thread.sleep(100);
        }
        long recorded = (System.nanoTime() - start) / 1_000_000;
        System.out.printf("%d timed-out transactions: all ended after %d ms, all FAILURE events stored after %d ms,"
                + " slowest commit call %d ms%n", count, finished, recorded, commitMillis.stream().mapToLong(Long::longValue).max().orElse(-1));
        assertEquals(count, failures, "each timed-out transaction leaves one FAILURE event");
        assertEquals(count, probe.count("AttestEvent", "x.action = ?1", "step.quick"), "and nothing else");
        assertTrue(finished < 30_000, "the transactions ended promptly: " + finished + " ms");
    }

    private long failures(String action) {
        return probe.count("AttestEvent", "x.action = ?1 and x.outcome = ?2", action, Outcome.FAILURE);
    }

    @Test
    void rolledBackAttemptSurvivesAStoreThatRefusesItsFailureForAWhile() throws Exception {
        probe.execute("alter table attest_event add constraint refuse_failure check (coalesce(target_id, '-') <> 'refused-1'"
                + " or outcome = 'SUCCESS')");
        try {
            transaction.begin();
            steps.book("refused-1");
            transaction.rollback();
            Thread.sleep(1_500);
            assertEquals(0, probe.count("AttestEvent", "x.targetId = ?1", "refused-1"), "the store refuses the FAILURE");
        } finally {
            probe.execute("alter table attest_event drop constraint refuse_failure");
        }

        AuditEvent event = probe.await("step.book", "refused-1");
        assertEquals(Outcome.FAILURE, event.outcome(), "written from the journal once the store takes it");
        assertEquals("TransactionRolledBack", event.errorType());
        assertEquals(1, probe.count("AttestEvent", "x.targetId = ?1", "refused-1"));
    }

    @Test
    void rolledBackActionIsInTheJournalOrTheStoreWhenTheRollbackReturns() throws Exception {
        transaction.begin();
        steps.book("journaled-1");
        transaction.rollback();

        // at this instant, a crash could not lose the attempt: it is on disk or already stored
        boolean stored = probe.count("AttestEvent", "x.targetId = ?1", "journaled-1") == 1;
        boolean journaled = journalHolds("journaled-1");
        assertTrue(stored || journaled, "the FAILURE is durable when the rollback returns");
        AuditEvent event = probe.await("step.book", "journaled-1");
        assertEquals(Outcome.FAILURE, event.outcome());
        assertEquals("TransactionRolledBack", event.errorType());
    }

    private static boolean journalHolds(String text) throws java.io.IOException {
        java.nio.file.Path file = Server.journalDir().resolve("transaction-outcome.journal");
        return java.nio.file.Files.exists(file) && java.nio.file.Files.readString(file).contains(text);
    }

    @Test
    void failClosedWithoutATransactionFailsTheCallButKeepsTheEventOfWorkThatWasDone() throws Exception {
        Outage.begin(probe, "closed-");
        try {
            AuditWriteException thrown = assertThrows(AuditWriteException.class, () -> plain.send("closed-1"));
            assertTrue(thrown.getMessage().contains("outage.plain"), thrown.getMessage());
            assertTrue(plain.sent("closed-1"), "with no transaction the work is done before its event is written");
        } finally {
            Outage.end(probe);
        }
        AuditEvent event = probe.await("outage.plain", "closed-1");
        assertEquals(Outcome.SUCCESS, event.outcome(), "the work happened: the journal keeps its event");
    }
}
