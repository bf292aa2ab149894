package dev.attest.it.app;

import dev.attest.AuditAction;
import dev.attest.AuditTarget;
import jakarta.annotation.Resource;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.math.BigDecimal;

/** A stateless session bean with audited actions. */
@Stateless
public class InvoiceService {

    @PersistenceContext
    EntityManager em;

    @Resource
    SessionContext session;

    @AuditAction("invoice.create")
    public Invoice create(@AuditTarget Invoice invoice) {
        em.persist(invoice);
        return invoice;
    }

    @AuditAction("invoice.approve")
    public void approve(@AuditTarget("Invoice") long id, String comment) {
        em.find(Invoice.class, id).setStatus("APPROVED");
    }

    @AuditAction("invoice.approve-over-limit")
    public void approveOverLimit(@AuditTarget("Invoice") long id) {
        Invoice invoice = em.find(Invoice.class, id);
        invoice.setStatus("APPROVED");
        em.flush();
        throw new IllegalStateException("approval limit exceeded for " + invoice.getNumber());
    }

    @AuditAction("invoice.approve-then-veto")
    public void approveThenVeto(@AuditTarget("Invoice") long id) {
        em.find(Invoice.class, id).setStatus("APPROVED");
        session.setRollbackOnly();
    }

    /** Returns normally; the duplicate number fails only when the transaction commits. */
    @AuditAction("invoice.create-late-failure")
    public void createFailingAtCommit(String number) {
        em.persist(new Invoice(number, "duplicate", BigDecimal.ONE));
    }

    public Invoice find(long id) {
        return em.find(Invoice.class, id);
    }
}
