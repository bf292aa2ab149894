package dev.attest.it;

import dev.attest.Actor;
import dev.attest.AuditContext;
import dev.attest.it.app.Invoice;
import dev.attest.it.app.InvoiceService;
import dev.attest.it.seal.SealHarness;
import dev.attest.it.seal.SealKeys;
import dev.attest.internal.seal.Sealer;
import dev.attest.verify.Report;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each tampering of an attacker with write access to the database, and the exact finding the verifier reports
 * for it. Every test starts from an empty trail, seals a small history, checks that it verifies clean, tampers
 * with one thing, and verifies again.
 */
@ExtendWith(ArquillianExtension.class)
class SealTamperIT {

    @Deployment
    static WebArchive deployment() {
        Path keys = SealKeys.create("tamper", "attest", "mallory");
        return Deployments.war("seal-tamper", SealKeys.config(keys, "attest"), SealHarness.class, SealKeys.class);
    }

    @EJB
    InvoiceService invoices;

    @Inject
    SealHarness harness;

    private Sealer sealer;
    private Path checkpoints;

    /** Five invoices created and approved by alice: events, revisions and Invoice_AUD rows, sealed in two rounds. */
    private void sealedHistory(String name) {
        sealer = harness.fresh(name);
        checkpoints = SealHarness.checkpoints(sealer);
        for (int i = 0; i < 5; i++) {
            if (i == 3) {
                harness.seal(sealer);
            }
            Invoice invoice = AuditContext.runAs(Actor.user("alice"),
                    () -> invoices.create(new Invoice(name + "-" + System.nanoTime(), "ACME", new BigDecimal("10.50"))));
            AuditContext.runAs(Actor.user("alice"), () -> invoices.approve(invoice.getId(), "ok"));
        }
        harness.seal(sealer);
        Report clean = harness.verify(checkpoints);
        assertEquals(List.of(), SealHarness.findings(clean), clean.json());
        assertEquals(0, clean.exitCode());
    }

    private List<String> tamperedFindings() {
        Report report = harness.verify(checkpoints);
        assertEquals(1, report.exitCode(), report.json());
        return SealHarness.findings(report);
    }

    private long event(String action, int nth) {
        return harness.ids("select id from attest_event where action = ? order by id", action).get(nth);
    }

    private long revision(int nth) {
        return harness.ids("select id from attest_revision order by id").get(nth);
    }

    @Test
    void changedEventColumnIsReported() {
        sealedHistory("changed-event");
        long id = event("invoice.approve", 1);
        harness.sql("update attest_event set actor_id = 'mallory' where id = ?", id);
        assertEquals(List.of("changed-event attest_event " + id), tamperedFindings());
    }

    @Test
    void changedRevisionColumnIsReported() {
        sealedHistory("changed-revision");
        long rev = revision(2);
        harness.sql("update attest_revision set actor_id = 'mallory' where id = ?", rev);
        assertEquals(List.of("changed-revision attest_revision " + rev), tamperedFindings());
    }

    @Test
    void changedAudValueIsReported() {
        sealedHistory("changed-aud");
        long rev = revision(1);
        harness.sql("update Invoice_AUD set customer = 'EVIL' where REV = ?", rev);
        assertEquals(List.of("changed-aud-row invoice_aud " + rev), tamperedFindings());
    }

    @Test
    void deletedEventIsReported() {
        sealedHistory("deleted-event");
        long id = event("invoice.create", 0);
        harness.sql("delete from attest_event where id = ?", id);
        assertEquals(List.of("deleted-event attest_event " + id), tamperedFindings());
    }

    @Test
    void deletedAudRowIsReported() {
        sealedHistory("deleted-aud");
        long rev = revision(3);
        harness.sql("delete from Invoice_AUD where REV = ?", rev);
        assertEquals(List.of("deleted-aud-row invoice_aud " + rev), tamperedFindings());
    }

    @Test
    void forgedInsertedEventIsReported() {
        sealedHistory("forged-event");
        // an id below the sealed ones that no sealed row or gap ever had
        harness.sql("insert into attest_event (id, occurred_at, category, action, outcome, actor_type, actor_id) "
                + "select 0, occurred_at, category, action, outcome, actor_type, 'bob' from attest_event where id = ?",
                event("invoice.approve", 0));
        assertEquals(List.of("forged-event attest_event 0"), tamperedFindings());
    }

    @Test
    void twoSwappedRowsAreReported() {
        sealedHistory("swapped");
        long a = event("invoice.approve", 0);
        long b = event("invoice.approve", 4);
        harness.sql("update attest_event set id = -1 where id = ?", a);
        harness.sql("update attest_event set id = ? where id = ?", a, b);
        harness.sql("update attest_event set id = ? where id = -1", b);
        assertEquals(java.util.stream.Stream.of("swapped-rows attest_event " + a, "swapped-rows attest_event " + b).sorted().toList(),
                tamperedFindings());
    }

    @Test
    void editedLeafHashIsReported() {
        sealedHistory("leaf-hash");
        harness.sql("update attest_seal_leaf set leaf_hash = (select leaf_hash from attest_seal_leaf where leaf_index = 1) "
                + "where leaf_index = 2");
        assertEquals(List.of("edited-leaf-hash attest_seal_leaf 2"), tamperedFindings());
    }

    @Test
    void truncatedTailIsReported() {
        sealedHistory("truncated");
        long cut = harness.number("select leaf_index from attest_seal_leaf where kind = 'event' and ref_id = ?",
                event("invoice.approve", 3));
        // the attacker removes the tail: its rows, then its leaves
        harness.sql("delete from attest_event where id in (select ref_id from attest_seal_leaf where leaf_index >= ? and kind = 'event')", cut);
        harness.sql("delete from Invoice_AUD where REV in (select ref_id from attest_seal_leaf where leaf_index >= ? and kind = 'revision')", cut);
        harness.sql("delete from attest_revision where id in (select ref_id from attest_seal_leaf where leaf_index >= ? and kind = 'revision')", cut);
        harness.sql("delete from attest_seal_leaf where leaf_index >= ?", cut);
        assertEquals(List.of("truncated-tail attest_seal_leaf " + cut), tamperedFindings());
    }

    @Test
    void tailTruncatedAndResealedUnderAnotherKeyIsReportedAsFork() {
        sealedHistory("fork");
        long lastApprove = event("invoice.approve", 4);
        harness.sql("delete from attest_event where id >= ?", lastApprove);
        for (String table : List.of("attest_seal_leaf", "attest_seal_state", "attest_seal_gap", "attest_seal_lease",
                "attest_seal_checkpoint")) {
            harness.sql("delete from " + table);
        }
        // the attacker seals the rest again with a key of their own, into a checkpoint file of their own
        Sealer forger = harness.sealer("forger", harness.checkpointFile("forger"), harness.keyDirectory(), "mallory");
        harness.seal(forger);
        List<String> findings = tamperedFindings();
        assertFalse(findings.isEmpty());
        assertEquals(Set.of("fork"), findings.stream().map(f -> f.split(" ")[0]).collect(Collectors.toSet()), findings.toString());
    }

    @Test
    void restoredOlderBackupIsReported() {
        sealedHistory("backup");
        long size = harness.number("select tree_size from attest_seal_state");
        long rounds = harness.number("select count(*) from attest_seal_checkpoint");
        // a backup taken after the first round: the second round's rows, leaves, state and checkpoint are not in it
        long firstSize = harness.number("select min(tree_size) from attest_seal_checkpoint");
        assertEquals(2, rounds);
        assertTrue(firstSize < size);
        harness.sql("delete from attest_event where id in (select ref_id from attest_seal_leaf where leaf_index >= ? and kind = 'event')", firstSize);
        harness.sql("delete from Invoice_AUD where REV in (select ref_id from attest_seal_leaf where leaf_index >= ? and kind = 'revision')", firstSize);
        harness.sql("delete from attest_revision where id in (select ref_id from attest_seal_leaf where leaf_index >= ? and kind = 'revision')", firstSize);
        harness.sql("delete from attest_seal_leaf where leaf_index >= ?", firstSize);
        harness.sql("delete from attest_seal_checkpoint where tree_size > ?", firstSize);
        assertEquals(List.of("restored-backup attest_seal_leaf " + firstSize), tamperedFindings());
    }
}
