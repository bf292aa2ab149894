package dev.attest.it.app;

import dev.attest.AuditAction;
import dev.attest.AuditTarget;
import dev.attest.Redacted;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import java.math.BigDecimal;
import java.util.Map;

/** A transactional CDI bean with audited actions. */
@ApplicationScoped
@Transactional
public class PaymentService {

    @PersistenceContext
    EntityManager em;

    @AuditAction("payment.register")
    public void register(@AuditTarget("Invoice") long invoiceId, Card card, @Redacted String cvv, String password,
                         Map<String, String> metadata) {
        Invoice invoice = em.find(Invoice.class, invoiceId);
        invoice.setStatus("PAID");
    }

    @AuditAction(value = "payment.note", reason = "customer request")
    public void note(@AuditTarget("Invoice") long invoiceId, String note) {
        em.find(Invoice.class, invoiceId).setAmount(BigDecimal.TEN);
    }

    @AuditAction("payment.odd-argument")
    public void oddArgument(Object argument) {
    }
}
