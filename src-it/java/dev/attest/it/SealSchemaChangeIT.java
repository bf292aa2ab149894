package dev.attest.it;

import dev.attest.Actor;
import dev.attest.AuditContext;
import dev.attest.internal.seal.Sealer;
import dev.attest.it.app.Invoice;
import dev.attest.it.app.InvoiceService;
import dev.attest.it.seal.SealHarness;
import dev.attest.it.seal.SealKeys;
import dev.attest.verify.Report;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.math.BigDecimal;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Schema changes of sealed tables: a column added to an {@code _AUD} table (an audited entity's new field) and to
 * the event table (a new version of Attest) is sealed in a manifest leaf, the older leaves stay valid, and the Java
 * and Python verifiers agree; a forged manifest and a dropped column are reported.
 */
@ExtendWith(ArquillianExtension.class)
class SealSchemaChangeIT {

    @Deployment
    static WebArchive deployment() {
        Path keys = SealKeys.create("schema", "attest");
        String db = "attest.it.db=" + System.getProperty("attest.it.db") + "\nattest.it.db.url="
                + System.getProperty("attest.it.db.url") + "\nattest.it.db.user=" + System.getProperty("attest.it.db.user");
        return Deployments.war("seal-schema", SealKeys.config(keys, "attest") + "\n" + db, SealHarness.class, SealKeys.class);
    }

    @EJB
    InvoiceService invoices;

    @Inject
    SealHarness harness;

    @ArquillianResource
    URL base;

    private final List<String> added = new ArrayList<>();

    @AfterEach
    void dropAddedColumns() {
        for (String column : added) {
            String[] parts = column.split("\\.");
            harness.sql("alter table " + parts[0] + " drop column " + parts[1]);
        }
        added.clear();
    }

    private void addColumn(String table, String column) {
        harness.sql("alter table " + table + " add column " + column + " varchar(32)");
        added.add(table + "." + column);
    }

    private void invoices(String name, int n) {
        for (int i = 0; i < n; i++) {
            Invoice invoice = AuditContext.runAs(Actor.user("alice"),
                    () -> invoices.create(new Invoice(name + "-" + System.nanoTime(), "ACME", new BigDecimal("10.50"))));
            AuditContext.runAs(Actor.user("alice"), () -> invoices.approve(invoice.getId(), "ok"));
        }
    }

    /** Seals a history, adds a column to Invoice_AUD and to the event table, and seals more rows that use them. */
    private Sealer sealedAcrossSchemaChange(String name) {
        Sealer sealer = harness.fresh(name);
        invoices(name, 3);
        harness.seal(sealer);
        addColumn("Invoice_AUD", "approver_note");
        addColumn("attest_event", "region");
        invoices(name, 3);
        harness.sql("update attest_event set region = 'eu' where id > "
                + "(select max(ref_id) from attest_seal_leaf where kind = 'event')");
        harness.sql("update Invoice_AUD set approver_note = 'checked' where REV > "
                + "(select max(ref_id) from attest_seal_leaf where kind = 'revision')");
        harness.seal(sealer);
        return sealer;
    }

    @Test
    void columnsAddedAfterSealingLeaveOlderLeavesValidAndBothVerifiersClean() throws Exception {
        Sealer sealer = sealedAcrossSchemaChange("schema-added");
        Report report = harness.verify(SealHarness.checkpoints(sealer));
        assertEquals(List.of(), SealHarness.findings(report), report.json());
        assertEquals(0, report.exitCode());
        assertEquals(2, harness.number("select count(*) from attest_seal_leaf where kind = 'manifest'"));
        String second = harness.string("select aud_digests from attest_seal_leaf where kind = 'manifest' and ref_id = 2");
        assertTrue(second.contains("region:text") && second.contains("approver_note:text"), second);

        // the export's seal bundles carry the columns each leaf was sealed over; both verifiers agree on it
        // (approvals only: the export request is itself audited, after the last round)
        HttpResponse<String> response = Http.send(Http.as(Http.request(base,
                "audit/api/export.jsonl?seal=true&action=invoice.approve"), "alice", "alice-pw").GET().build());
        assertEquals(200, response.statusCode(), response.body());
        Path file = SealHarness.checkpoints(sealer).resolveSibling("schema-export.jsonl");
        Files.writeString(file, response.body(), StandardCharsets.UTF_8);
        assertEquals(6, response.body().lines().filter(l -> l.contains("\"action\":\"invoice.approve\"")).count());
        assertTrue(response.body().contains("\"region\":\"eu\""), response.body());
        String keys = harness.trustedKeys().toString();
        Object[] java = java("export", "--file", file.toString(), "--trusted-keys", keys);
        Object[] python = python("export", file.toString(), keys);
        assertEquals(0, java[0], java[1] + " " + java[2]);
        assertEquals(0, python[0], python[1] + " " + python[2]);

        var config = ConfigProvider.getConfig(SealSchemaChangeIT.class.getClassLoader());
        if ("postgresql".equals(config.getValue("attest.it.db", String.class))) {
            // the export request's own events, sealed under the second manifest
            harness.seal(sealer);
            Object[] db = java("db", "--jdbc-url", config.getValue("attest.it.db.url", String.class), "--user",
                    config.getValue("attest.it.db.user", String.class), "--trusted-keys", keys,
                    "--checkpoints", SealHarness.checkpoints(sealer).toString());
            assertEquals(0, db[0], db[1] + " " + db[2]);
        }
    }

    @Test
    void aValueInAColumnAddedLaterIsNotCoveredAndSaysSo() {
        Sealer sealer = sealedAcrossSchemaChange("schema-uncovered");
        long old = harness.number("select min(id) from attest_event");
        harness.sql("update attest_event set region = 'us' where id = ?", old);
        Report report = harness.verify(SealHarness.checkpoints(sealer));
        assertEquals(2, report.exitCode(), report.json());
        assertEquals(List.of("uncovered-column attest_event " + old), SealHarness.findings(report));
    }

    @Test
    void aChangedValueInAnAddedColumnIsReportedForRowsSealedWithIt() {
        Sealer sealer = sealedAcrossSchemaChange("schema-changed");
        long id = harness.number("select max(id) from attest_event");
        harness.sql("update attest_event set region = 'us' where id = ?", id);
        Report report = harness.verify(SealHarness.checkpoints(sealer));
        assertEquals(1, report.exitCode(), report.json());
        assertEquals(List.of("changed-event attest_event " + id), SealHarness.findings(report));
    }

    @Test
    void aForgedManifestIsReported() {
        Sealer sealer = sealedAcrossSchemaChange("schema-forged");
        harness.sql("update attest_seal_leaf set aud_digests = replace(aud_digests, 'region:text', 'region:integer') "
                + "where kind = 'manifest' and ref_id = 2");
        Report report = harness.verify(SealHarness.checkpoints(sealer));
        assertEquals(1, report.exitCode(), report.json());
        assertEquals(List.of("forged-manifest attest_manifest 2"), SealHarness.findings(report));
    }

    @Test
    void aDroppedColumnIsReported() {
        Sealer sealer = sealedAcrossSchemaChange("schema-dropped");
        added.remove("attest_event.region");
        harness.sql("alter table attest_event drop column region");
        Report report = harness.verify(SealHarness.checkpoints(sealer));
        assertEquals(1, report.exitCode(), report.json());
        assertEquals(List.of("dropped-column attest_event region"), SealHarness.findings(report));
    }

    private Object[] java(String... args) {
        List<String> command = new ArrayList<>(List.of(System.getProperty("java.home") + "/bin/java", "-jar",
                harness.projectDirectory().resolve("target/attest-verify.jar").toString()));
        command.addAll(List.of(args));
        return SealHarness.run(harness.projectDirectory(), command.toArray(String[]::new));
    }

    private Object[] python(String... args) {
        List<String> command = new ArrayList<>(List.of("python3",
                harness.projectDirectory().resolve("verifier-python/attest_verify.py").toString()));
        command.addAll(List.of(args));
        return SealHarness.run(harness.projectDirectory(), command.toArray(String[]::new));
    }
}
