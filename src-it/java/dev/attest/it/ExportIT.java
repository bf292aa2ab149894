package dev.attest.it;

import dev.attest.AuditEvent;
import dev.attest.AuditLog;
import dev.attest.AuditTrail;
import dev.attest.Category;
import dev.attest.EventQuery;
import dev.attest.it.exports.InvoiceExports;
import jakarta.inject.Inject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Exports recorded by AuditLog and declaratively, with count, size, format and filters; downloads reference them. */
@ExtendWith(ArquillianExtension.class)
class ExportIT {

    @Deployment
    static WebArchive deployment() {
        return Deployments.war("exports", "", InvoiceExports.class);
    }

    @Inject
    Probe probe;

    @Inject
    InvoiceExports exports;

    @Inject
    AuditLog log;

    @Inject
    AuditTrail trail;

    private void invoices(String customer, int count) {
        for (int i = 0; i < count; i++) {
            probe.invoice(customer + "-" + i, customer);
        }
    }

    @Test
    void manualExportAndItsDownloads() {
        log.export("Invoice", "csv", 120, 4096, Map.of("status", "APPROVED", "year", 2026));
        AuditEvent export = probe.single("data.export");
        assertEquals(Category.EXPORT, export.category());
        assertEquals("Invoice", export.targetType());
        assertTrue(export.details().contains("\"records\":120"), export.details());
        assertTrue(export.details().contains("\"bytes\":4096"), export.details());
        assertTrue(export.details().contains("\"format\":\"csv\""), export.details());
        assertTrue(export.details().contains("\"status\":\"APPROVED\""), export.details());

        log.download(export.id(), "csv", 4096);
        log.download(export.id(), "csv", 4096);
        List<AuditEvent> downloads = trail.events(new EventQuery().action(AuditLog.DOWNLOAD).target("AuditEvent", export.id()));
        assertEquals(2, downloads.size());
        assertEquals(Category.EXPORT, downloads.get(0).category());
        assertEquals(String.valueOf(export.id()), downloads.get(0).targetId());
    }

    @Test
    void declarativeExportsCountCollectionsAndArraysAndMeasureBytesAndFiles() throws Exception {
        invoices("ACME", 3);

        assertEquals(3, exports.invoices("ACME").size());
        AuditEvent list = probe.single("invoice.export");
        assertEquals(Category.EXPORT, list.category());
        assertEquals("Invoice", list.targetType(), "the exported entity type");
        assertTrue(list.details().contains("\"records\":3"), list.details());
        assertTrue(list.details().contains("\"customer\":\"ACME\""), "the filters: " + list.details());

        byte[] csv = exports.csv("ACME");
        assertTrue(probe.single("invoice.export.csv").details().contains("\"bytes\":" + csv.length));

        Path file = exports.file("ACME");
        String fileDetails = probe.single("invoice.export.file").details();
        assertTrue(fileDetails.contains("\"bytes\":" + Files.size(file)), fileDetails);
        assertTrue(fileDetails.contains("\"format\":\"csv\""), fileDetails);
        Files.delete(file);

        assertEquals(3, exports.numbers("ACME").length);
        assertTrue(probe.single("invoice.export.array").details().contains("\"records\":3"));
    }

    @Test
    void aReturnedStreamIsLeftWholeForTheCaller() {
        assertEquals("a,b,c", exports.stream("ANY").collect(Collectors.joining(",")));
        AuditEvent event = probe.single("invoice.export.stream");
        assertTrue(event.details().contains("\"counted\":false"), event.details());
        assertTrue(!event.details().contains("\"records\""), event.details());
    }
}
