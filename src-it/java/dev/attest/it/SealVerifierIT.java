package dev.attest.it;

import dev.attest.Actor;
import dev.attest.AuditContext;
import dev.attest.internal.integrity.Hashes;
import dev.attest.internal.integrity.Json;
import dev.attest.internal.integrity.Preimages;
import dev.attest.internal.integrity.ProofBundles;
import dev.attest.it.app.Invoice;
import dev.attest.it.app.InvoiceService;
import dev.attest.it.seal.SealHarness;
import dev.attest.it.seal.SealKeys;
import dev.attest.internal.seal.SealProofs;
import dev.attest.internal.seal.Sealer;
import dev.attest.verify.Proofs;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
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
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The runnable attest-verify.jar and the independent Python verifier on the same data: proofs, a sealed export
 * from the JSON API, the checkpoint file and (on PostgreSQL, which another process can reach) the database.
 */
@ExtendWith(ArquillianExtension.class)
class SealVerifierIT {

    @Deployment
    static WebArchive deployment() {
        Path keys = SealKeys.create("verifier", "attest");
        String db = "attest.it.db=" + System.getProperty("attest.it.db") + "\nattest.it.db.url="
                + System.getProperty("attest.it.db.url") + "\nattest.it.db.user=" + System.getProperty("attest.it.db.user");
        return Deployments.war("seal-verifier", SealKeys.config(keys, "attest") + "\n" + db, SealHarness.class, SealKeys.class);
    }

    @EJB
    InvoiceService invoices;

    @Inject
    SealHarness harness;

    @Inject
    SealProofs proofs;

    @ArquillianResource
    URL base;

    private Sealer sealed(String name) {
        Sealer sealer = harness.fresh(name);
        for (int i = 0; i < 4; i++) {
            AuditContext.runAs(Actor.user("alice"), () -> invoices.create(new Invoice(name + System.nanoTime(), "ACME", BigDecimal.TEN)));
        }
        harness.seal(sealer);
        return sealer;
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

    /** The findings of a JSON report as {@code kind table id}, sorted. */
    @SuppressWarnings("unchecked")
    private static List<String> findings(Object[] result) {
        Map<String, Object> report = (Map<String, Object>) Json.parse(((String) result[1]).trim());
        List<String> out = new ArrayList<>();
        for (Object f : (List<Object>) report.get("findings")) {
            Map<String, Object> m = (Map<String, Object>) f;
            out.add(m.get("kind") + " " + m.get("table") + " " + m.get("id"));
        }
        out.sort(null);
        return out;
    }

    private void assertAgree(int exit, List<String> expected, Object[] java, Object[] python) {
        assertEquals(exit, java[0], "java: " + java[1] + java[2]);
        assertEquals(exit, python[0], "python: " + python[1] + python[2]);
        assertEquals(expected, findings(java));
        assertEquals(expected, findings(python));
    }

    @Test
    @SuppressWarnings("unchecked")
    void bothVerifiersAcceptAProofAndReportTheSameChangedEvent() throws Exception {
        Sealer sealer = sealed("proof");
        long id = harness.ids("select id from attest_event order by id").get(2);
        SealProofs.Snapshot snapshot = proofs.snapshot();
        Map<String, Object> bundle = proofs.bundle(snapshot, id);
        Path dir = SealHarness.checkpoints(sealer).getParent();
        Path good = dir.resolve("proof-" + id + ".json");
        Files.writeString(good, Json.canonical(bundle), StandardCharsets.UTF_8);
        String keys = harness.trustedKeys().toString();
        assertAgree(0, List.of(), java("verify-proof", "--file", good.toString(), "--trusted-keys", keys),
                python("verify-proof", good.toString(), keys));

        Map<String, Object> forged = new TreeMap<>(bundle);
        Map<String, Object> columns = new TreeMap<>((Map<String, Object>) bundle.get("columns"));
        columns.put("actor_id", "mallory");
        forged.put("columns", columns);
        Path bad = dir.resolve("forged-" + id + ".json");
        Files.writeString(bad, Json.canonical(forged), StandardCharsets.UTF_8);
        assertAgree(1, List.of("changed-event attest_event " + id),
                java("verify-proof", "--file", bad.toString(), "--trusted-keys", keys), python("verify-proof", bad.toString(), keys));

        assertAgree(0, List.of(), java("verify-proof", "--file", good.toString(), "--trusted-keys", keys),
                python("checkpoints", SealHarness.checkpoints(sealer).toString(), keys));
    }

    @Test
    @SuppressWarnings("unchecked")
    void bothVerifiersAcceptAProofThatWithholdsPersonalColumnsAndRejectAChangedCommitment() throws Exception {
        Sealer sealer = sealed("withheld");
        long id = harness.ids("select id from attest_event order by id").get(1);
        Map<String, Object> full = proofs.bundle(proofs.snapshot(), id);
        Map<String, Object> bundle = ProofBundles.withhold(full, Set.of("actor_id"));
        assertFalse(((Map<String, Object>) bundle.get("columns")).containsKey("actor_id"));
        Path dir = SealHarness.checkpoints(sealer).getParent();
        Path withheld = dir.resolve("withheld-" + id + ".json");
        Files.writeString(withheld, Json.canonical(bundle), StandardCharsets.UTF_8);
        String keys = harness.trustedKeys().toString();
        assertAgree(0, List.of(), java("verify-proof", "--file", withheld.toString(), "--trusted-keys", keys),
                python("verify-proof", withheld.toString(), keys));

        Map<String, Object> forged = new TreeMap<>(bundle);
        forged.put("withheld", Map.of("actor_id", Preimages.commitment(Hashes.unbase64url((String) full.get("salt")),
                "attest_event", "actor_id", "mallory")));
        Path bad = dir.resolve("withheld-forged-" + id + ".json");
        Files.writeString(bad, Json.canonical(forged), StandardCharsets.UTF_8);
        assertAgree(1, List.of("changed-event attest_event " + id),
                java("verify-proof", "--file", bad.toString(), "--trusted-keys", keys), python("verify-proof", bad.toString(), keys));
    }

    @Test
    void sealedJsonLinesExportVerifiesOfflineWithBothVerifiers() throws Exception {
        Sealer sealer = sealed("export");
        HttpResponse<String> response = Http.send(Http.as(Http.request(base, "audit/api/export.jsonl?seal=true&action=invoice.create"), "alice", "alice-pw")
                .GET().build());
        assertEquals(200, response.statusCode(), response.body());
        Path file = SealHarness.checkpoints(sealer).resolveSibling("export.jsonl");
        Files.writeString(file, response.body(), StandardCharsets.UTF_8);
        String keys = harness.trustedKeys().toString();
        assertEquals(4, response.body().lines().filter(l -> l.contains("\"action\":\"invoice.create\"")).count());
        assertAgree(0, List.of(), java("export", "--file", file.toString(), "--trusted-keys", keys),
                python("export", file.toString(), keys));

        Path changed = file.resolveSibling("export-changed.jsonl");
        Files.writeString(changed, response.body().replaceFirst("\"actor_id\":\"alice\"", "\"actor_id\":\"mallory\""), StandardCharsets.UTF_8);
        Object[] java = java("export", "--file", changed.toString(), "--trusted-keys", keys);
        Object[] python = python("export", changed.toString(), keys);
        assertEquals(1, java[0], (String) java[1]);
        assertEquals(1, findings(java).size(), (String) java[1]);
        assertEquals(findings(java), findings(python));
    }

    @Test
    void sealStateAndLastCheckpointAreServedToTheAuditPage() {
        sealed("state");
        long id = harness.ids("select id from attest_event order by id").get(0);
        HttpResponse<String> state = Http.send(Http.as(Http.request(base, "audit/api/events/" + id + "/seal"), "alice", "alice-pw").GET().build());
        assertEquals(200, state.statusCode(), state.body());
        assertTrue(state.body().contains("\"state\":\"checkpointed\""), state.body());
        HttpResponse<String> last = Http.send(Http.as(Http.request(base, "audit/api/seal"), "alice", "alice-pw").GET().build());
        assertTrue(last.body().contains("\"enabled\":true") && last.body().contains("\"size\":"), last.body());
    }

    @Test
    @SuppressWarnings("unchecked")
    void databaseVerifiesWithTheJarWhereAnotherProcessCanReachIt() throws Exception {
        Sealer sealer = sealed("db");
        var config = ConfigProvider.getConfig(SealVerifierIT.class.getClassLoader());
        String keys = harness.trustedKeys().toString();
        String checkpoints = SealHarness.checkpoints(sealer).toString();
        if (!"postgresql".equals(config.getValue("attest.it.db", String.class))) {
            // WildFly's H2 database lives in the server's memory: the same code runs in-process
            assertEquals(0, harness.verify(SealHarness.checkpoints(sealer)).exitCode());
            return;
        }
        Object[] clean = java("db", "--jdbc-url", config.getValue("attest.it.db.url", String.class),
                "--user", config.getValue("attest.it.db.user", String.class), "--trusted-keys", keys, "--checkpoints", checkpoints);
        assertEquals(0, clean[0], clean[1] + " " + clean[2]);
        long id = harness.ids("select id from attest_event order by id").get(1);
        Path proof = SealHarness.checkpoints(sealer).resolveSibling("db-proof-" + id + ".json");
        Object[] written = java("proof", "--jdbc-url", config.getValue("attest.it.db.url", String.class),
                "--user", config.getValue("attest.it.db.user", String.class), "--checkpoints", checkpoints,
                "--event", String.valueOf(id), "--out", proof.toString());
        assertEquals(0, written[0], written[1] + " " + written[2]);
        assertAgree(0, List.of(), java("verify-proof", "--file", proof.toString(), "--trusted-keys", keys),
                python("verify-proof", proof.toString(), keys));
        Path withheld = SealHarness.checkpoints(sealer).resolveSibling("db-proof-withheld-" + id + ".json");
        Object[] writtenWithheld = java("proof", "--jdbc-url", config.getValue("attest.it.db.url", String.class),
                "--user", config.getValue("attest.it.db.user", String.class), "--checkpoints", checkpoints,
                "--event", String.valueOf(id), "--out", withheld.toString(), "--withhold", "actor_id,client_address");
        assertEquals(0, writtenWithheld[0], writtenWithheld[1] + " " + writtenWithheld[2]);
        Map<String, Object> bundle = (Map<String, Object>) Json.parse(Files.readString(withheld).trim());
        assertTrue(((Map<String, Object>) bundle.get("withheld")).containsKey("actor_id"), bundle.toString());
        assertFalse(((Map<String, Object>) bundle.get("columns")).containsKey("actor_id"));
        assertAgree(0, List.of(), java("verify-proof", "--file", withheld.toString(), "--trusted-keys", keys),
                python("verify-proof", withheld.toString(), keys));
        harness.sql("update attest_event set action = 'invoice.delete' where id = ?", id);
        Object[] tampered = java("db", "--jdbc-url", config.getValue("attest.it.db.url", String.class),
                "--user", config.getValue("attest.it.db.user", String.class), "--trusted-keys", keys, "--checkpoints", checkpoints);
        assertEquals(1, tampered[0], tampered[1] + " " + tampered[2]);
        assertEquals(List.of("changed-event attest_event " + id), findings(tampered));
    }
}
