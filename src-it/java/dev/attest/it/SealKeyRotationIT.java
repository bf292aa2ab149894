package dev.attest.it;

import dev.attest.Actor;
import dev.attest.AuditContext;
import dev.attest.it.app.Invoice;
import dev.attest.it.app.InvoiceService;
import dev.attest.it.seal.SealHarness;
import dev.attest.it.seal.SealKeys;
import dev.attest.internal.integrity.Checkpoint;
import dev.attest.internal.seal.Sealer;
import dev.attest.verify.Report;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A key rotation as the README describes it: the log sealed under the old key, then under both keys
 * ({@code attest.seal.key-alias=new,old}), then under the new key alone. An auditor trusting both keys verifies
 * every checkpoint; one trusting a single key is told exactly which checkpoints that key did not sign.
 */
@ExtendWith(ArquillianExtension.class)
class SealKeyRotationIT {

    @Deployment
    static WebArchive deployment() {
        Path keys = SealKeys.create("rotation", "old", "new");
        return Deployments.war("seal-rotation", SealKeys.config(keys, "old"), SealHarness.class, SealKeys.class);
    }

    @EJB
    InvoiceService invoices;

    @Inject
    SealHarness harness;

    private void invoice() {
        AuditContext.runAs(Actor.user("alice"),
                () -> invoices.create(new Invoice("rotation-" + System.nanoTime(), "ACME", new BigDecimal("10.50"))));
    }

    @Test
    void rotatedLogVerifiesWithBothKeysAndEachKeyAloneVouchesOnlyForWhatItSigned() throws IOException {
        Sealer old = harness.fresh("rotation");
        Path checkpoints = SealHarness.checkpoints(old);
        Path dir = harness.keyDirectory();
        invoice();
        harness.seal(old);
        invoice();
        harness.seal(harness.sealer("rotation", checkpoints, dir, "new", "old"));
        invoice();
        harness.seal(harness.sealer("rotation", checkpoints, dir, "new"));

        List<String> lines = Files.readAllLines(checkpoints);
        assertEquals(3, lines.size(), String.join("\n", lines));
        assertEquals(List.of(1, 2, 1), lines.stream().map(l -> l.split("\"sig\"").length - 1).toList());

        Path both = dir.resolve("old-and-new.pem");
        Files.writeString(both, Files.readString(dir.resolve("old.pem")) + Files.readString(dir.resolve("new.pem")));
        Report clean = harness.verify(checkpoints, both);
        assertEquals(List.of(), SealHarness.findings(clean), clean.json());
        assertEquals(0, clean.exitCode());

        // the database holds a copy of each checkpoint: one signed only by a key the auditor does not trust is reported too
        String first = Checkpoint.parse(lines.get(0)).hash();
        String last = Checkpoint.parse(lines.get(2)).hash();
        Report onlyNew = harness.verify(checkpoints, dir.resolve("new.pem"));
        assertEquals(1, onlyNew.exitCode(), onlyNew.json());
        assertEquals(List.of("fork attest_seal_checkpoint " + first, "untrusted-checkpoint checkpoint-file 1"),
                SealHarness.findings(onlyNew));

        Report onlyOld = harness.verify(checkpoints, dir.resolve("old.pem"));
        assertEquals(1, onlyOld.exitCode(), onlyOld.json());
        assertEquals(List.of("fork attest_seal_checkpoint " + last, "untrusted-checkpoint checkpoint-file 3"),
                SealHarness.findings(onlyOld));
    }
}
