package dev.attest.demo;

import dev.attest.Category;
import dev.attest.Redacted;
import jakarta.annotation.Resource;
import jakarta.ejb.SessionContext;

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

    @Resource
    SessionContext context;

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

    /**
     * Approves a draft invoice; approving any other invoice fails, and the failure is recorded. The comment is
     * stored with the event; the approval PIN never is ({@code ***REDACTED***}).
     */
    @AuditAction("invoice.approve")
    public Invoice approve(@AuditTarget("Invoice") long id, String comment, @Redacted String approvalPin) {
        Invoice invoice = get(id);
        if (!Invoice.DRAFT.equals(invoice.getStatus())) {
            throw new InvoiceStateException("invoice " + invoice.getNumber() + " is " + invoice.getStatus()
                    + ", only a DRAFT invoice can be approved");
        }
        invoice.setStatus(Invoice.APPROVED);
        return invoice;
    }

    /** Changes an invoice's amount: a revision with the field's before and after values. */
    @AuditAction("invoice.reprice")
    public Invoice reprice(@AuditTarget("Invoice") long id, BigDecimal amount) {
        Invoice invoice = get(id);
        invoice.setAmount(amount);
        return invoice;
    }

    /** Pays an invoice by card; the card is always declined here, so the event says FAILURE with the error. */
    @AuditAction("invoice.pay")
    public Invoice pay(@AuditTarget("Invoice") long id, @Redacted String cardNumber) {
        Invoice invoice = get(id);
        throw new InvoiceStateException("card declined for invoice " + invoice.getNumber());
    }

    /**
     * Approves a draft invoice, then a later check vetoes the transaction: the method returns normally, but
     * nothing commits, and the event says FAILURE ({@code TransactionRolledBack}), not SUCCESS.
     */
    @AuditAction("invoice.approve-then-veto")
    public Invoice approveThenVeto(@AuditTarget("Invoice") long id) {
        Invoice invoice = get(id);
        invoice.setStatus(Invoice.APPROVED);
        context.setRollbackOnly();
        return invoice;
    }

    /** The invoices of one status, as a declarative export: the event counts the records. */
    @AuditAction(value = "invoice.export", category = Category.EXPORT)
    public List<Invoice> export(String status) {
        return em.createQuery("select i from Invoice i where i.status = :status order by i.id", Invoice.class)
                .setParameter("status", status).getResultList();
    }

    /** The oldest draft invoice, a new one when there is none left. */
    public Invoice anyDraft() {
        return em.createQuery("select i from Invoice i where i.status = :status order by i.id", Invoice.class)
                .setParameter("status", Invoice.DRAFT).setMaxResults(1).getResultStream().findFirst()
                .orElseGet(() -> create("INV-" + (2000 + list().size()), "Walk-in customer", new BigDecimal("10.00")));
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
