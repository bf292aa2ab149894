package dev.attest.demo;

import dev.attest.AuditAction;
import dev.attest.AuditTarget;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.math.BigDecimal;
import java.util.List;

/**
 * Invoices, as a stateless session bean. Each {@link AuditAction} method records one event with the
 * caller as actor; the event commits with the change, or is recorded as a failure if the change does not.
 */
@Stateless
public class InvoiceService {

    @PersistenceContext
    EntityManager em;

    /** Creates a draft invoice; the new invoice is the event's target. */
    @AuditAction("invoice.create")
    public Invoice create(String number, String customer, BigDecimal amount) {
        Invoice invoice = new Invoice(number, customer, amount);
        em.persist(invoice);
        return invoice;
    }

    /** Creates an invoice that arrived from a partner's feed. */
    @AuditAction("invoice.import")
    public Invoice importInvoice(String number, String customer, BigDecimal amount) {
        Invoice invoice = new Invoice(number, customer, amount);
        em.persist(invoice);
        return invoice;
    }

    /** Approves a draft invoice; approving any other invoice fails, and the failure is recorded. */
    @AuditAction("invoice.approve")
    public Invoice approve(@AuditTarget("Invoice") long id) {
        Invoice invoice = get(id);
        if (!Invoice.DRAFT.equals(invoice.getStatus())) {
            throw new InvoiceStateException("invoice " + invoice.getNumber() + " is " + invoice.getStatus()
                    + ", only a DRAFT invoice can be approved");
        }
        invoice.setStatus(Invoice.APPROVED);
        return invoice;
    }

    public Invoice get(long id) {
        Invoice invoice = em.find(Invoice.class, id);
        if (invoice == null) {
            throw new NoSuchRecordException("invoice", id);
        }
        return invoice;
    }

    public List<Invoice> list() {
        return em.createQuery("select i from Invoice i order by i.id", Invoice.class).getResultList();
    }
}
