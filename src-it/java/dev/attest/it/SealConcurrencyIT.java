package dev.attest.it;

import dev.attest.Actor;
import dev.attest.AuditContext;
import dev.attest.it.app.Invoice;
import dev.attest.it.app.InvoiceService;
import dev.attest.it.seal.SealHarness;
import dev.attest.it.seal.SealKeys;
import dev.attest.internal.seal.Sealer;
import dev.attest.verify.Report;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.inject.Inject;
import jakarta.transaction.UserTransaction;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Sealing under commit-order gaps, rollbacks, two nodes and crashes: nothing lost, nothing twice, no fork. */
@ExtendWith(ArquillianExtension.class)
class SealConcurrencyIT {

    @Deployment
    static WebArchive deployment() {
        Path keys = SealKeys.create("concurrency", "attest");
        return Deployments.war("seal-concurrency", SealKeys.config(keys, "attest"), SealHarness.class, SealKeys.class);
    }

    @EJB
    InvoiceService invoices;

    @Inject
    SealHarness harness;

    @Resource
    UserTransaction transaction;

    @Resource
    ManagedExecutorService executor;

    private Invoice create(String who, String number) {
        return AuditContext.runAs(Actor.user(who), () -> invoices.create(new Invoice(number, "ACME", new BigDecimal("1.00"))));
    }

    /** Waits past the gap horizon (1 s in the test configuration). */
    private static void pastHorizon() throws InterruptedException {
        Thread.sleep(1_300);
    }

    private void assertSealedOnce() {
        assertEquals(harness.number("select count(*) from attest_event"),
                harness.number("select count(*) from attest_seal_leaf where kind = 'event'"), "every event sealed once");
        assertEquals(harness.number("select count(*) from attest_revision"),
                harness.number("select count(*) from attest_seal_leaf where kind = 'revision'"), "every revision sealed once");
        assertEquals(0, harness.number("select count(*) from attest_seal_gap"), "no gap left open");
    }

    @Test
    void rollbackStraddlingASealingRoundLeavesAGapExplainedByItsFailureRow() throws Exception {
        Sealer sealer = harness.fresh("straddle-rollback");
        transaction.begin();
        create("alice", "ST-1");
        // meanwhile another transaction commits a later id and a round seals it: the open id is a gap
        executor.submit(() -> create("bob", "ST-2")).get(60, TimeUnit.SECONDS);
        harness.seal(sealer);
        assertEquals(1, harness.number("select count(*) from attest_seal_gap where ref_table = 'attest_event'"));
        transaction.rollback();
        awaitFailureRows(1);
        long rolledBack = harness.number("select replaces_id from attest_event where replaces_id is not null");
        long failure = harness.number("select id from attest_event where replaces_id is not null");
        harness.seal(sealer);
        pastHorizon();
        harness.seal(sealer);

        assertEquals(failure, harness.number("select cast(aud_digests as bigint) from attest_seal_leaf where kind = 'gap' "
                + "and ref_table = 'attest_event' and ref_id = ?", rolledBack), "the gap leaf names the FAILURE row");
        assertSealedOnce();
        Report report = harness.verify(SealHarness.checkpoints(sealer));
        assertEquals(List.of(), SealHarness.findings(report), report.json());
    }

    /** A rolled-back action's FAILURE row reaches the store from the durable journal shortly after the rollback. */
    private void awaitFailureRows(int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (harness.number("select count(*) from attest_event where replaces_id is not null") < count) {
            assertTrue(System.nanoTime() < deadline, "the FAILURE row of the rolled-back action reaches the store");
            Thread.sleep(50);
        }
    }

    @Test
    void lateCommitStraddlingASealingRoundIsSealedWhenItAppears() throws Exception {
        Sealer sealer = harness.fresh("straddle-commit");
        transaction.begin();
        Invoice late = create("alice", "SC-1");
        executor.submit(() -> create("bob", "SC-2")).get(60, TimeUnit.SECONDS);
        harness.seal(sealer);
        assertEquals(1, harness.number("select count(*) from attest_seal_gap where ref_table = 'attest_event'"));
        transaction.commit();
        harness.seal(sealer);

        long lateEvent = harness.number("select id from attest_event where action = 'invoice.create' and target_id = ?",
                String.valueOf(late.getId()));
        long earlier = harness.number("select max(l.leaf_index) from attest_seal_leaf l join attest_event e on "
                + "l.ref_id = e.id and l.kind = 'event' where e.target_id <> ?", String.valueOf(late.getId()));
        assertTrue(harness.number("select leaf_index from attest_seal_leaf where kind = 'event' and ref_id = ?", lateEvent) > earlier,
                "sealed after the later id, in seal order");
        assertSealedOnce();
        Report report = harness.verify(SealHarness.checkpoints(sealer));
        assertEquals(0, report.exitCode(), report.json());
    }

    @Test
    void twoSealersWithEightWritersAndRollbacksSealEveryCommittedRowOnceWithoutFork() throws Exception {
        Sealer nodeA = harness.fresh("two-nodes");
        Path file = SealHarness.checkpoints(nodeA);
        // no lease: both nodes append at once, only the compare-and-set on the tree size keeps the log whole
        nodeA = harness.sealer("node-a", file, Duration.ZERO);
        Sealer nodeB = harness.sealer("node-b", file, Duration.ZERO);
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicInteger conflicts = new AtomicInteger();
        List<Future<?>> sealers = new ArrayList<>();
        for (Sealer node : List.of(nodeA, nodeB)) {
            sealers.add(executor.submit(() -> {
                while (writing.get()) {
                    try {
                        harness.seal(node);
                    } catch (RuntimeException e) {
                        conflicts.incrementAndGet();
                    }
                    Thread.sleep(15);
                }
                return null;
            }));
        }
        AtomicInteger rolledBack = new AtomicInteger();
        List<Future<?>> writers = new ArrayList<>();
        for (int w = 0; w < 8; w++) {
            int writer = w;
            writers.add(executor.submit(() -> {
                for (int i = 0; i < 10; i++) {
                    create("writer-" + writer, "TW-" + writer + "-" + i);
                    if (i % 10 == 3) {
                        // the event is written in the transaction, which then fails at commit and rolls back
                        try {
                            AuditContext.runAs(Actor.user("writer-" + writer),
                                    () -> invoices.createFailingAtCommit("TW-" + writer + "-0"));
                        } catch (RuntimeException expected) {
                            rolledBack.incrementAndGet();
                        }
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : writers) {
            f.get(5, TimeUnit.MINUTES);
        }
        writing.set(false);
        for (Future<?> f : sealers) {
            f.get(1, TimeUnit.MINUTES);
        }
        // the last FAILURE rows come from the journal; a round then seals them, and a round past the horizon
        // closes every gap that is left
        awaitFailureRows(8);
        harness.seal(nodeA);
        pastHorizon();
        harness.seal(nodeA);
        harness.seal(nodeB);

        assertEquals(8, rolledBack.get());
        assertEquals(8, harness.number("select count(*) from attest_event where replaces_id is not null"));
        assertSealedOnce();
        assertEquals(harness.number("select count(*) from attest_seal_leaf"),
                harness.number("select tree_size from attest_seal_state"));
        Report report = harness.verify(file);
        assertFalse(report.isTampered(), report.json());
        assertTrue(SealHarness.findings(report).stream().allMatch(f -> f.startsWith("unexplained-gap attest_revision ")),
                "only revision ids can be unexplained; each rolled-back event's gap is explained by its FAILURE row: " + report.json());
        assertEquals(8, harness.number("select count(*) from attest_seal_leaf l where l.kind = 'gap' and l.ref_table = 'attest_event' "
                + "and l.ref_id in (select replaces_id from attest_event)"), "each rolled-back event's gap closed");
    }

    @Test
    void sealerKilledAtEachFaultPointLosesNothingAndTheLogVerifies() throws Exception {
        Sealer sealer = harness.fresh("faults");
        Path file = SealHarness.checkpoints(sealer);
        int n = 0;
        for (int round = 0; round < 4; round++) {
            for (String point : List.of(Sealer.AFTER_INSERT, Sealer.AFTER_COMMIT, Sealer.AFTER_SIGNING, Sealer.AFTER_FILE_WRITE)) {
                create("alice", "TF-" + n++);
                create("alice", "TF-" + n++);
                sealer.faultHook(p -> {
                    if (p.equals(point)) {
                        throw new IllegalStateException("killed " + point);
                    }
                });
                assertThrows(RuntimeException.class, () -> harness.seal(sealer), point);
                sealer.faultHook(null);
                Report report = harness.verify(file);
                assertFalse(report.isTampered(), point + ": " + report.json());
                assertTrue(SealHarness.findings(report).stream().allMatch(f -> f.startsWith("unsealed-")), point + ": " + report.json());
            }
        }
        harness.seal(sealer);
        assertSealedOnce();
        Report report = harness.verify(file);
        assertEquals(0, report.exitCode(), report.json());
    }
}
