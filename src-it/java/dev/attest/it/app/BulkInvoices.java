package dev.attest.it.app;

import dev.attest.AuditAction;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/** Actions over many invoices at once, and an invoice changed many times. */
@Stateless
public class BulkInvoices {

    @PersistenceContext
    EntityManager em;

    @AuditAction("invoice.bulk-create")
    public List<Long> createMany(String prefix, int count) {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Invoice invoice = new Invoice(prefix + "-" + i, "Bulk & Co", new BigDecimal("10.00"));
            em.persist(invoice);
            em.flush();
            ids.add(invoice.getId());
        }
        return ids;
    }

    @AuditAction("invoice.bulk-approve")
    public void approveAll(List<Long> ids) {
        for (Long id : ids) {
            em.find(Invoice.class, id).setStatus("APPROVED");
        }
    }

    /** One revision: the invoice's amount becomes {@code amount}. */
    public void reprice(long id, BigDecimal amount) {
        em.find(Invoice.class, id).setAmount(amount);
    }
}
