package dev.attest.demo.rest;

import dev.attest.Actor;
import dev.attest.AuditContext;
import dev.attest.demo.Invoice;
import dev.attest.demo.InvoiceService;
import dev.attest.demo.InvoiceStateException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the demo page's buttons call: each runs one thing the README teaches and answers with what happened,
 * in words. The audit trail shows how it was recorded.
 */
@Path("try")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class TryResource {

    @Inject
    InvoiceService invoices;

    /** {@code invoice.approve} with a comment (stored) and a PIN (never stored). */
    @POST
    @Path("approve")
    public Map<String, Object> approve(@FormParam("comment") String comment, @FormParam("pin") String pin) {
        Invoice invoice = invoices.approve(invoices.anyDraft().getId(), comment, pin);
        return result("invoice.approve", invoice, "approved " + invoice.getNumber() + "; the event holds the comment,"
                + " the PIN shows as ***REDACTED***");
    }

    /** {@code invoice.reprice} inside {@code AuditContext.withReason}: event and revision carry the reason. */
    @POST
    @Path("reason")
    public Map<String, Object> reason(@FormParam("reason") String reason) {
        long id = invoices.anyDraft().getId();
        String why = reason == null || reason.isBlank() ? "ticket SUP-12" : reason;
        Invoice invoice = AuditContext.withReason(why, () -> invoices.reprice(id, new BigDecimal("99.00")));
        return result("invoice.reprice", invoice, "repriced " + invoice.getNumber() + " to 99.00 with the reason '" + why + "'");
    }

    /** {@code invoice.import} inside {@code AuditContext.runAs}: the actor is the system actor, not the caller. */
    @POST
    @Path("run-as")
    public Map<String, Object> runAs() {
        Invoice invoice = AuditContext.runAs(Actor.system("partner-feed"),
                () -> invoices.importInvoice("FEED-" + System.currentTimeMillis() % 100_000, "Partner feed", new BigDecimal("75.00")));
        return result("invoice.import", invoice, "imported " + invoice.getNumber() + " as the system actor partner-feed");
    }

    /** A declarative export: the event (category EXPORT) counts the records. */
    @POST
    @Path("export")
    public Map<String, Object> export() {
        int records = invoices.export(Invoice.APPROVED).size();
        return result("invoice.export", null, "exported " + records + " approved invoices");
    }

    /** An action that throws: recorded as FAILURE with the exception, then the error reaches the caller. */
    @POST
    @Path("fail")
    public Map<String, Object> fail() {
        Invoice invoice = invoices.anyDraft();
        try {
            invoices.pay(invoice.getId(), "4111 1111 1111 1111");
            return result("invoice.pay", invoice, "paid");
        } catch (InvoiceStateException e) {
            return result("invoice.pay", invoice, "failed as it should: " + e.getMessage() + " (the card number is never stored)");
        }
    }

    /** An action that returns normally but whose transaction rolls back: FAILURE, and no revision. */
    @POST
    @Path("rollback")
    public Map<String, Object> rollback() {
        long id = invoices.anyDraft().getId();
        try {
            invoices.approveThenVeto(id);
        } catch (RuntimeException e) {
            // the container reports the rolled-back transaction; the invoice is unchanged
        }
        Invoice invoice = invoices.get(id);
        return result("invoice.approve-then-veto", invoice, "rolled back: " + invoice.getNumber() + " is still "
                + invoice.getStatus());
    }

    private static Map<String, Object> result(String action, Invoice invoice, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("action", action);
        body.put("invoice", invoice == null ? null : invoice.getId());
        body.put("message", message);
        return body;
    }
}
