package dev.attest.demo;

import dev.attest.AuditActor;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.inject.Inject;

import java.math.BigDecimal;

/**
 * A job with no caller: it imports an invoice from a partner's feed as the system actor
 * {@code nightly-import}. It runs every minute so that the demo shows it at work; a real import would
 * run at night.
 */
@Singleton
@AuditActor("nightly-import")
public class NightlyImport {

    private static final String[] CUSTOMERS = {"Umbrella", "Hooli", "Stark Industries", "Wayne Enterprises"};

    @Inject
    InvoiceService invoices;

    private int imported;

    /** Imports the next invoice of the feed. */
    @Schedule(hour = "*", minute = "*", persistent = false)
    void importFeed() {
        imported++;
        invoices.importInvoice("IMP-%04d".formatted(imported), CUSTOMERS[imported % CUSTOMERS.length],
                new BigDecimal(100 + 25 * imported).setScale(2));
    }
}
