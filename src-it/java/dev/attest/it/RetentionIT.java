package dev.attest.it;

import dev.attest.Actor;
import dev.attest.AuditContext;
import dev.attest.AuditLog;
import dev.attest.AuditRecord;
import dev.attest.Category;
import dev.attest.DataSubject;
import dev.attest.Erasures;
import dev.attest.HoldScope;
import dev.attest.LegalHolds;
import dev.attest.internal.integrity.Json;
import dev.attest.internal.retention.RetentionService;
import dev.attest.internal.seal.Sealer;
import dev.attest.it.app.Invoice;
import dev.attest.it.app.InvoiceService;
import dev.attest.it.app.Patient;
import dev.attest.it.app.PatientService;
import dev.attest.it.seal.SealHarness;
import dev.attest.it.seal.SealKeys;
import dev.attest.verify.Report;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Retention, legal holds and erasure on a sealed trail: the purge archives, deletes in batches and keeps held events;
 * the archive verifies with attest-verify export; the database verifies after a purge and after an erasure; holds
 * refuse erasure; the roles gate both. Holds and erasures go through the JSON API as alice (roles audit-viewer
 * and user; the deployment names user as hold and erasure role).
 */
@ExtendWith(ArquillianExtension.class)
class RetentionIT {

    @Deployment
    static WebArchive deployment() {
        Path keys = SealKeys.create("retention", "attest");
        Path archives = archiveDirectory("retention-it");
        return Deployments.war("retention", SealKeys.config(keys, "attest") + "\n" + Deployments.config(
                "attest.retention.events=P1D", "attest.retention.revisions=P1D", "attest.retention.minimum=P1D",
                "attest.retention.batch-size=50",
                "attest.retention.pause=PT0S", "attest.retention.archive-dir=" + archives,
                "attest.hold-role=user", "attest.erasure-role=user",
                "attest.erasure.user-entity=Patient"), SealHarness.class, SealKeys.class);
    }

    /** A fresh archive directory under target/{@code name}, made where the build runs (the server's machine). */
    static Path archiveDirectory(String name) {
        try {
            return Files.createTempDirectory(Files.createDirectories(Path.of("target", name).toAbsolutePath()), "archives");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @EJB
    InvoiceService invoices;

    @Inject
    SealHarness harness;

    @Inject
    RetentionService retention;

    @Inject
    LegalHolds holds;

    @Inject
    Erasures erasures;

    @Inject
    AuditLog log;

    @ArquillianResource
    URL base;

    private HttpResponse<String> post(String path, String... form) {
        List<String> pairs = new ArrayList<>();
        for (int i = 0; i < form.length; i += 2) {
            pairs.add(form[i] + "=" + URLEncoder.encode(form[i + 1], StandardCharsets.UTF_8));
        }
        return Http.send(Http.as(Http.request(base, path), "alice", "alice-pw")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(String.join("&", pairs))).build());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> json(HttpResponse<String> response) {
        return (Map<String, Object>) Json.parse(response.body());
    }

    /** An exception and its causes on one line, so that a failed assertion names what went wrong. */
    private static String causes(Throwable thrown) {
        List<String> chain = new ArrayList<>();
        for (Throwable t = thrown; t != null && chain.size() < 8; t = t.getCause()) {
            chain.add(t.toString());
        }
        return String.join(" <- ", chain);
    }

    private void create(String user, int count) {
        for (int i = 0; i < count; i++) {
            AuditContext.runAs(Actor.user(user), () -> invoices.create(new Invoice(user + System.nanoTime(), "ACME", BigDecimal.TEN)));
        }
    }

    private void backdateEvents(Duration age) {
        harness.sql("update attest_event set occurred_at = ?", java.sql.Timestamp.from(Instant.now().minus(age)));
    }

    /** Releases the holds of earlier tests and forgets their erasures (the log they belonged to is emptied next). */
    private void releaseAll() {
        harness.sql("update attest_hold set released_at = current_timestamp, released_by = 'test' where released_at is null");
        harness.sql("delete from attest_erased_row");
    }

    private List<String> clean(Sealer sealer) {
        harness.seal(sealer);
        Report report = harness.verify(SealHarness.checkpoints(sealer));
        return SealHarness.findings(report);
    }

    private Object[] verifyArchive(Path archive) {
        return SealHarness.run(harness.projectDirectory(), System.getProperty("java.home") + "/bin/java", "-jar",
                harness.projectDirectory().resolve("target/attest-verify.jar").toString(), "export",
                "--file", archive.toString(), "--trusted-keys", harness.trustedKeys().toString());
    }

    private Object[] verifyArchiveInPython(Path archive) {
        return SealHarness.run(harness.projectDirectory(), "python3",
                harness.projectDirectory().resolve("verifier-python/attest_verify.py").toString(), "export",
                archive.toString(), harness.trustedKeys().toString());
    }

    @Test
    void purgeArchivesOldEventsKeepsHeldOnesAndLeavesAVerifiableLog() {
        releaseAll();
        Sealer sealer = harness.fresh("retention-purge");
        create("alice", 5);
        create("bob", 2);
        backdateEvents(Duration.ofDays(3));
        create("alice", 1); // young: kept
        assertEquals(List.of(), clean(sealer));

        HttpResponse<String> placed = post("audit/api/holds", "actor", "bob", "case", "CASE-7");
        assertEquals(201, placed.statusCode(), placed.body());
        assertEquals("alice", json(placed).get("placedBy"));
        // the same case again over intersecting criteria is refused, naming the hold in force
        HttpResponse<String> again = post("audit/api/holds", "actor", "bob", "targetType", "Invoice", "case", "CASE-7");
        assertEquals(409, again.statusCode(), again.body());
        assertEquals("the hold overlaps hold " + json(placed).get("id") + " of the same case CASE-7 (actor bob); "
                + "release or change that one instead", json(again).get("error"), again.body());
        // another case may hold the same records; the same case may hold other ones
        HttpResponse<String> otherCase = post("audit/api/holds", "actor", "bob", "case", "CASE-8");
        assertEquals(201, otherCase.statusCode(), otherCase.body());
        HttpResponse<String> otherActor = post("audit/api/holds", "actor", "grace", "case", "CASE-7");
        assertEquals(201, otherActor.statusCode(), otherActor.body());
        assertEquals(3, harness.number("select count(*) from attest_event where action = 'audit.hold.placed' "
                + "and category = 'SECURITY' and actor_id = 'alice'"));
        harness.seal(sealer);

        long old = harness.number("select count(*) from attest_event where occurred_at < ?",
                java.sql.Timestamp.from(Instant.now().minus(Duration.ofDays(1))));
        long bobs = harness.number("select count(*) from attest_event where actor_id = 'bob'");
        RetentionService.Run run = retention.purgeNow(Instant.now());
        assertEquals(old - bobs, run.deleted());
        assertEquals(bobs, harness.number("select count(*) from attest_event where actor_id = 'bob'"), "held events survive");
        assertEquals(0, harness.number("select count(*) from attest_event where actor_id = 'alice' and action = 'invoice.create' "
                + "and occurred_at < ?", java.sql.Timestamp.from(Instant.now().minus(Duration.ofDays(1)))));
        assertEquals(1, harness.number("select count(*) from attest_event where actor_id = 'alice' and action = 'invoice.create'"));

        for (String name : run.archives()) {
            Path archive = retention.settings().archiveDir().resolve(name);
            Object[] result = verifyArchive(archive);
            assertEquals(0, result[0], "attest-verify export " + archive + ": " + result[1] + result[2]);
            assertTrue(result[1].toString().contains("\"events\":"), result[1].toString());
        }
        assertEquals(run.batches(), harness.number("select count(*) from attest_seal_leaf where kind = 'retention'"));
        assertEquals(List.of(), clean(sealer), "the log verifies after the purge");

        // a row deleted outside the purge is still found
        long bobEvent = harness.ids("select id from attest_event where actor_id = 'bob' order by id").get(0);
        harness.sql("delete from attest_event where id = ?", bobEvent);
        assertEquals(List.of("deleted-event attest_event " + bobEvent), clean(sealer));
    }

    @Test
    void anArchiveWithAChangedLineFailsVerification() throws IOException {
        releaseAll();
        Sealer sealer = harness.fresh("retention-archive");
        create("carol", 3);
        backdateEvents(Duration.ofDays(3));
        harness.seal(sealer);
        RetentionService.Run run = retention.purgeNow(Instant.now());
        assertEquals(3, run.deleted());
        Path archive = retention.settings().archiveDir().resolve(run.archives().get(0));
        Path changed = archive.resolveSibling("changed-" + archive.getFileName());
        Files.writeString(changed, Files.readString(archive).replaceFirst("\"outcome\":\"SUCCESS\"", "\"outcome\":\"FAILURE\""));
        Object[] result = verifyArchive(changed);
        assertEquals(1, result[0], result[1] + "" + result[2]);
        assertTrue(result[1].toString().contains("changed-event"), result[1].toString());
    }

    /** The names of the files in the archive directory. */
    private List<String> archiveFiles() {
        try (var files = Files.list(retention.settings().archiveDir())) {
            return files.map(f -> f.getFileName().toString()).sorted().collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void aBatchThatRollsBackLeavesNoArchiveAndIsArchivedOnceWhenItCommits() {
        releaseAll();
        Sealer sealer = harness.fresh("retention-rollback");
        create("frank", 3);
        backdateEvents(Duration.ofDays(3));
        harness.seal(sealer);
        List<String> before = archiveFiles();
        // a row referring to an old event makes its batch's delete fail after the archive was written
        harness.sql("create table purge_blocker (event_id bigint references attest_event (id))");
        try {
            harness.sql("insert into purge_blocker (event_id) select min(id) from attest_event");
            assertThrows(RuntimeException.class, () -> retention.purgeNow(Instant.now()));
            assertEquals(before, archiveFiles(), "a batch that rolled back left an archive");
        } finally {
            harness.sql("drop table purge_blocker");
        }
        RetentionService.Run run = retention.purgeNow(Instant.now());
        assertEquals(3, run.deleted());
        List<String> added = new ArrayList<>(archiveFiles());
        added.removeAll(before);
        assertEquals(run.archives(), added, "one archive per committed batch, under its final name");
        assertEquals(List.of(), clean(sealer));
    }

    @Test
    void purgeRunsInBatchesWhileWritersKeepCommitting() throws Exception {
        releaseAll();
        Sealer sealer = harness.fresh("retention-writers");
        Instant old = Instant.now().minus(Duration.ofDays(10));
        for (int i = 0; i < 400; i++) {
            log.record(AuditRecord.of(Category.SYSTEM, "bulk.old").occurredAt(old).detail("n", i));
        }
        harness.seal(sealer);
        AtomicBoolean purging = new AtomicBoolean(true);
        AtomicInteger during = new AtomicInteger();
        List<RuntimeException> failures = new CopyOnWriteArrayList<>();
        ExecutorService writers = Executors.newFixedThreadPool(4);
        List<Future<?>> futures = new ArrayList<>();
        // invoice numbers unique by construction: this run, the writer, its call
        String numbers = "w" + System.nanoTime() + "-";
        for (int w = 0; w < 4; w++) {
            String prefix = numbers + w + "-";
            futures.add(writers.submit(() -> {
                for (int call = 0; purging.get(); call++) {
                    String number = prefix + call;
                    try {
                        AuditContext.runAs(Actor.user("writer"), () -> invoices.create(new Invoice(number, "ACME", BigDecimal.ONE)));
                        during.incrementAndGet();
                    } catch (RuntimeException e) {
                        failures.add(e);
                    }
                }
            }));
        }
        RetentionService.Run run;
        try {
            run = retention.purgeNow(Instant.now());
        } finally {
            purging.set(false);
            writers.shutdown();
            assertTrue(writers.awaitTermination(2, TimeUnit.MINUTES));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        assertEquals(400, run.deleted());
        assertTrue(run.batches() >= 8, "batches of 50: " + run.batches());
        assertEquals(List.of(), failures.stream().map(RetentionIT::causes).toList(), "writers failed during the purge");
        assertTrue(during.get() > 0, "writers committed during the purge");
        assertEquals(0, harness.number("select count(*) from attest_event where action = 'bulk.old'"));
        assertEquals(List.of(), clean(sealer));
    }

    @Test
    void erasureKeepsTheLogVerifiableAndIsRefusedUnderHold() {
        releaseAll();
        Sealer sealer = harness.fresh("retention-erasure");
        create("dave", 2);
        AuditContext.runAs(Actor.user("erin"), () -> AuditContext.withReason("ticket SUP-9", () ->
                invoices.create(new Invoice("e" + System.nanoTime(), "ACME", BigDecimal.ONE))));
        create("alice", 1);
        assertEquals(List.of(), clean(sealer));

        HttpResponse<String> held = post("audit/api/holds", "actor", "erin", "case", "CASE-9");
        assertEquals(201, held.statusCode(), held.body());
        HttpResponse<String> plan = post("audit/api/erasures/plan", "user", "erin");
        assertEquals(200, plan.statusCode(), plan.body());
        assertEquals(List.of(((Number) json(held).get("id")).longValue()), json(plan).get("blockingHolds"));
        HttpResponse<String> refused = post("audit/api/erasures", "user", "erin", "request", "DSR-1");
        assertEquals(409, refused.statusCode(), refused.body());
        assertTrue(json(refused).get("error").toString().contains("legal hold"), refused.body());
        assertEquals(1, harness.number("select count(*) from attest_event where actor_id = 'erin'"));

        HttpResponse<String> released = post("audit/api/holds/" + json(held).get("id") + "/release");
        assertEquals(200, released.statusCode(), released.body());
        assertEquals("alice", json(released).get("releasedBy"));
        plan = post("audit/api/erasures/plan", "user", "erin");
        assertEquals(1L, json(plan).get("events"));
        assertEquals(1L, json(plan).get("revisions"));
        assertEquals(List.of(), json(plan).get("blockingHolds"));
        assertEquals(false, json(plan).get("erased"));
        assertEquals(1, harness.number("select count(*) from attest_event where actor_id = 'erin'"), "a plan changes nothing");

        HttpResponse<String> erased = post("audit/api/erasures", "user", "erin", "request", "DSR-1", "reason", "Art. 17 request");
        assertEquals(200, erased.statusCode(), erased.body());
        assertEquals(true, json(erased).get("erased"));
        assertEquals(0, harness.number("select count(*) from attest_event where actor_id = 'erin' or reason like '%SUP-9%'"));
        assertEquals(0, harness.number("select count(*) from attest_revision where actor_id = 'erin' or reason like '%SUP-9%'"));
        assertEquals(2, harness.number("select count(*) from attest_erased_row"));
        assertEquals(1, harness.number("select count(*) from attest_seal_leaf where kind = 'erasure'"));
        assertEquals(0, harness.number("select count(*) from attest_erased_row where commitments like '%erin%'"));
        // what stays: time, action, outcome, types; and the record of the erasure, without the subject
        assertEquals(1, harness.number("select count(*) from attest_event where actor_id = '[erased]' and actor_type = 'USER' "
                + "and action = 'invoice.create' and outcome = 'SUCCESS'"));
        assertEquals(1, harness.number("select count(*) from attest_event where action = 'audit.erasure' "
                + "and details like '%DSR-1%' and details not like '%erin%'"));
        assertEquals(List.of(), clean(sealer), "the log verifies after the erasure");

        // an exported erased event still proves itself
        HttpResponse<String> export = Http.send(Http.as(Http.request(base,
                "audit/api/export.jsonl?seal=true&action=invoice.create"), "alice", "alice-pw").GET().build());
        assertEquals(200, export.statusCode());
        Path file = SealHarness.checkpoints(sealer).resolveSibling("erased-export.jsonl");
        try {
            Files.writeString(file, export.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Object[] result = verifyArchive(file);
        assertEquals(0, result[0], result[1] + "" + result[2]);
        assertTrue(export.body().contains("\"erased\":{"), "the export's erased event carries its kept commitments");
        Object[] python = SealHarness.run(harness.projectDirectory(), "python3",
                harness.projectDirectory().resolve("verifier-python/attest_verify.py").toString(), "export",
                file.toString(), harness.trustedKeys().toString());
        assertEquals(0, python[0], "python verifier: " + python[1] + python[2]);

        // an "erasure" done with database access alone is found: the row's salt is there, no erasure leaf names it
        long dave = harness.ids("select id from attest_event where actor_id = 'dave' order by id").get(0);
        harness.sql("update attest_event set actor_id = '[erased]' where id = ?", dave);
        assertEquals(List.of("changed-event attest_event " + dave), clean(sealer));
    }

    @Test
    void entityErasureEmptiesItsAudRowsAndBothVerifiersStillPass() throws Exception {
        releaseAll();
        Sealer sealer = harness.fresh("retention-aud");
        // one revision holding two invoices' _AUD rows: the erased one and one that keeps its values
        jakarta.transaction.UserTransaction tx = (jakarta.transaction.UserTransaction)
                new javax.naming.InitialContext().lookup("java:comp/UserTransaction");
        Invoice[] created = new Invoice[2];
        tx.begin();
        AuditContext.runAs(Actor.user("ida"), () -> {
            created[0] = invoices.create(new Invoice("H" + System.nanoTime(), "Henry Personal", new BigDecimal("12.50")));
            created[1] = invoices.create(new Invoice("K" + System.nanoTime(), "Kept Customer", BigDecimal.ONE));
        });
        tx.commit();
        long erasedId = created[0].getId();
        long keptId = created[1].getId();
        AuditContext.runAs(Actor.user("ida"), () -> invoices.approve(erasedId, "ok"));
        assertEquals(List.of(), clean(sealer));
        long sharedRevision = harness.number("select rev from invoice_aud where id = ?", keptId);
        assertEquals(sharedRevision, harness.number("select min(rev) from invoice_aud where id = ?", erasedId));

        HttpResponse<String> plan = post("audit/api/erasures/plan", "entityType", "Invoice", "entityId", Long.toString(erasedId));
        assertEquals(200, plan.statusCode(), plan.body());
        assertEquals(2L, json(plan).get("audRows"), plan.body());
        assertTrue(((List<?>) json(plan).get("columns")).containsAll(List.of("attest_event.target_id",
                "invoice_aud.amount", "invoice_aud.customer", "invoice_aud.number", "invoice_aud.status")), plan.body());
        assertEquals(2, harness.number("select count(*) from invoice_aud where id = ? and customer is not null", erasedId),
                "a plan changes nothing");

        HttpResponse<String> erased = post("audit/api/erasures", "entityType", "Invoice", "entityId", Long.toString(erasedId),
                "request", "DSR-AUD", "reason", "Art. 17 request");
        assertEquals(200, erased.statusCode(), erased.body());
        assertEquals(2, harness.number("select count(*) from invoice_aud where id = ? and customer is null and number is null "
                + "and amount is null and status is null and revtype is not null", erasedId));
        assertEquals(1, harness.number("select count(*) from invoice_aud where id = ? and customer = 'Kept Customer'", keptId));
        assertEquals(0, harness.number("select count(*) from attest_erased_row where commitments like '%Henry%'"));
        assertEquals(2, harness.number("select count(*) from attest_erased_row where ref_table = 'attest_revision'"));
        assertEquals(List.of(), clean(sealer), "the log verifies after the _AUD rows were emptied");

        // the events of the erased invoice, exported sealed, verify with both verifiers
        HttpResponse<String> export = Http.send(Http.as(Http.request(base,
                "audit/api/export.jsonl?seal=true&targetType=Invoice"), "alice", "alice-pw").GET().build());
        assertEquals(200, export.statusCode());
        assertTrue(export.body().contains("[erased]"), "the export holds the erased events");
        Path file = SealHarness.checkpoints(sealer).resolveSibling("aud-erased-export.jsonl");
        Files.writeString(file, export.body());
        Object[] java = verifyArchive(file);
        assertEquals(0, java[0], java[1] + "" + java[2]);
        Object[] python = SealHarness.run(harness.projectDirectory(), "python3",
                harness.projectDirectory().resolve("verifier-python/attest_verify.py").toString(), "export",
                file.toString(), harness.trustedKeys().toString());
        assertEquals(0, python[0], "python verifier: " + python[1] + python[2]);

        // values changed by hand are still found: in the row that kept its values, and in an emptied one
        harness.sql("update invoice_aud set customer = 'EVIL' where id = ?", keptId);
        assertEquals(List.of("changed-aud-row invoice_aud " + sharedRevision), clean(sealer));
        harness.sql("update invoice_aud set customer = 'Kept Customer' where id = ?", keptId);
        assertEquals(List.of(), clean(sealer));
        harness.sql("update invoice_aud set customer = 'Henry Personal' where id = ? and rev = ?", erasedId, sharedRevision);
        assertEquals(List.of("changed-aud-row invoice_aud " + sharedRevision), clean(sealer));
    }

    private Invoice invoiceBy(String user) {
        Invoice[] created = new Invoice[1];
        AuditContext.runAs(Actor.user(user), () -> created[0] = invoices.create(new Invoice(user + System.nanoTime(), "ACME", BigDecimal.TEN)));
        return created[0];
    }

    private List<Long> revisionsOf(long invoice) {
        return harness.ids("select rev from invoice_aud where id = ? order by rev", invoice);
    }

    @Test
    void revisionPurgeKeepsHeldRevisionsAndEachEntitysCurrentState() {
        releaseAll();
        Sealer sealer = harness.fresh("retention-revisions");
        Invoice a = invoiceBy("ivan");
        AuditContext.runAs(Actor.user("ivan"), () -> invoices.approve(a.getId(), "ok"));
        Invoice b = invoiceBy("jack");
        AuditContext.runAs(Actor.user("ivan"), () -> invoices.approve(b.getId(), "ok"));
        Invoice c = invoiceBy("ivan");
        AuditContext.runAs(Actor.user("ivan"), () -> invoices.approve(c.getId(), "ok"));
        List<Long> aRevs = revisionsOf(a.getId());
        List<Long> bRevs = revisionsOf(b.getId());
        List<Long> cRevs = revisionsOf(c.getId());
        assertEquals(2, aRevs.size());
        harness.sql("update attest_revision set revision_time = ?", Instant.now().minus(Duration.ofDays(3)).toEpochMilli());
        HttpResponse<String> byActor = post("audit/api/holds", "actor", "jack", "case", "CASE-R");
        assertEquals(201, byActor.statusCode(), byActor.body());
        HttpResponse<String> byTarget = post("audit/api/holds", "targetType", "Invoice", "targetId", c.getId().toString(),
                "case", "CASE-T");
        assertEquals(201, byTarget.statusCode(), byTarget.body());
        harness.seal(sealer);

        RetentionService.Run run = retention.purgeNow(Instant.now());
        // a's creation goes; a's approval is its current state; jack's revision and c's history are held
        assertEquals(1, run.revisions(), run.toString());
        assertEquals(0, harness.number("select count(*) from attest_revision where id = ?", aRevs.get(0)));
        assertEquals(List.of(aRevs.get(1)), revisionsOf(a.getId()));
        assertEquals(bRevs, revisionsOf(b.getId()));
        assertEquals(cRevs, revisionsOf(c.getId()));
        assertEquals(1, harness.number("select count(*) from attest_seal_leaf where kind = 'retention' and aud_digests like "
                + "'%attest_revision%'"));
        Path archive = retention.settings().archiveDir().resolve(
                run.archives().stream().filter(n -> n.startsWith("attest-revisions-")).findFirst().orElseThrow());
        try {
            String line = Files.readString(archive);
            assertTrue(line.contains("\"table\":\"invoice_aud\""), line);
            assertTrue(line.contains("\"path\":") && line.contains("\"checkpoint\":"), line);
            // the revision archive proves itself to both verifiers, and a changed _AUD value in it is found by both
            Object[] java = verifyArchive(archive);
            assertEquals(0, java[0], "attest-verify export " + archive + ": " + java[1] + java[2]);
            assertTrue(java[1].toString().contains("\"revisions\":1"), java[1].toString());
            Object[] python = verifyArchiveInPython(archive);
            assertEquals(0, python[0], "python verifier: " + python[1] + python[2]);
            assertTrue(python[1].toString().contains("\"revisions\":1"), python[1].toString());
            Path changed = archive.resolveSibling("changed-" + archive.getFileName());
            Files.writeString(changed, line.replaceFirst("\"customer\":\"[^\"]*\"", "\"customer\":\"Mallory Ltd\""));
            assertTrue(!Files.readString(changed).equals(line), "the archive names the invoice's customer");
            for (Object[] result : List.of(verifyArchive(changed), verifyArchiveInPython(changed))) {
                assertEquals(1, result[0], result[1] + "" + result[2]);
                assertTrue(result[1].toString().contains("changed-revision"), result[1].toString());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertEquals(List.of(), clean(sealer), "the log verifies after the revision purge");

        // released, the held revisions go, and each invoice keeps the revision of its current state
        post("audit/api/holds/" + json(byActor).get("id") + "/release");
        post("audit/api/holds/" + json(byTarget).get("id") + "/release");
        harness.seal(sealer);
        run = retention.purgeNow(Instant.now());
        assertEquals(2, run.revisions(), run.toString());
        assertEquals(List.of(aRevs.get(1)), revisionsOf(a.getId()));
        assertEquals(List.of(bRevs.get(1)), revisionsOf(b.getId()));
        assertEquals(List.of(cRevs.get(1)), revisionsOf(c.getId()));
        assertEquals(List.of(), clean(sealer));
        // a revision deleted outside the purge is still found
        harness.sql("delete from invoice_aud where rev = ?", aRevs.get(1));
        harness.sql("delete from attest_revision where id = ?", aRevs.get(1));
        assertEquals(List.of("deleted-revision attest_revision " + aRevs.get(1)), clean(sealer));
    }

    @Inject
    PatientService patients;

    @Test
    void aUserErasureEmptiesTheAudRowsOfTheEntityNamedByTheirId() {
        releaseAll();
        Sealer sealer = harness.fresh("retention-user-entity");
        Patient[] admitted = new Patient[1];
        AuditContext.runAs(Actor.user("nurse"), () -> admitted[0] = patients.admit(new Patient("Liam Personal", "W1", null)));
        String user = admitted[0].getId().toString();
        assertEquals(List.of(), clean(sealer));
        HttpResponse<String> plan = post("audit/api/erasures/plan", "user", user);
        assertEquals(200, plan.statusCode(), plan.body());
        assertEquals(1L, json(plan).get("audRows"), plan.body());
        HttpResponse<String> erased = post("audit/api/erasures", "user", user, "request", "DSR-USER-ENTITY");
        assertEquals(200, erased.statusCode(), erased.body());
        assertEquals(1, harness.number("select count(*) from patient_aud where id = ? and name is null and ward is null",
                admitted[0].getId()));
        assertEquals(List.of(), clean(sealer));
    }

    @Test
    void badInputAndMissingRolesGetClearErrors() {
        releaseAll();
        assertEquals(400, post("audit/api/erasures/plan", "user", "nobody-" + System.nanoTime()).statusCode());
        assertTrue(post("audit/api/erasures/plan", "user", "nobody").body().contains("unknown data subject"));
        assertEquals(400, post("audit/api/holds", "case", "CASE-1").statusCode(), "a hold without criteria");
        assertEquals(400, post("audit/api/holds", "actor", "x").statusCode(), "a hold without case");
        assertEquals(400, post("audit/api/holds", "actor", "x", "case", "C", "from", "yesterday").statusCode());
        assertEquals(400, post("audit/api/holds/999999/release").statusCode());
        // bob has the hold role (user) but not the viewer role: he may place a hold, not list them
        assertEquals(403, Http.send(Http.as(Http.request(base, "audit/api/holds"), "bob", "bob-pw").GET().build()).statusCode());
        // no caller in role user here: the Java API refuses, naming the role and the key
        SecurityException noRole = assertThrows(SecurityException.class, () -> holds.place(HoldScope.actor("x"), "C"));
        assertEquals("placing a legal hold needs the role 'user' (attest.hold-role)", noRole.getMessage());
        SecurityException noErasureRole = assertThrows(SecurityException.class,
                () -> erasures.erase(DataSubject.user("alice"), "DSR-2", null));
        assertEquals("an erasure needs the role 'user' (attest.erasure-role)", noErasureRole.getMessage());
        HttpResponse<String> list = Http.send(Http.as(Http.request(base, "audit/api/holds"), "alice", "alice-pw").GET().build());
        assertEquals(200, list.statusCode(), list.body());
        assertFalse(list.body().contains("error"), list.body());
        // a hold's time range applies to revisions too (their time is Envers' epoch milliseconds)
        create("kate", 1);
        HttpResponse<String> past = post("audit/api/holds", "from", "2001-01-01T00:00:00Z", "to", "2001-02-01T00:00:00Z",
                "case", "CASE-2001");
        assertEquals(201, past.statusCode(), past.body());
        HttpResponse<String> plan = post("audit/api/erasures/plan", "user", "kate");
        assertEquals(200, plan.statusCode(), plan.body());
        assertEquals(List.of(), json(plan).get("blockingHolds"));
        HttpResponse<String> now = post("audit/api/holds", "from", Instant.now().minus(Duration.ofHours(1)).toString(),
                "case", "CASE-NOW");
        assertEquals(201, now.statusCode(), now.body());
        plan = post("audit/api/erasures/plan", "user", "kate");
        assertEquals(List.of(((Number) json(now).get("id")).longValue()), json(plan).get("blockingHolds"), plan.body());        releaseAll();
    }
}
