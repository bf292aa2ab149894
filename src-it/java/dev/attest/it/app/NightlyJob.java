package dev.attest.it.app;

import dev.attest.AuditAction;
import dev.attest.AuditActor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import java.math.BigDecimal;

/** Work with no caller: runs as the system actor "nightly-import". */
@ApplicationScoped
@AuditActor("nightly-import")
public class NightlyJob {

    @PersistenceContext
    EntityManager em;

    @Transactional
    @AuditAction("invoice.import")
    public Invoice importInvoice(String number) {
        Invoice invoice = new Invoice(number, "imported", BigDecimal.ONE);
        em.persist(invoice);
        return invoice;
    }
}
