package dev.attest.it.app;

import dev.attest.AuditAction;
import dev.attest.AuditTarget;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import java.math.BigDecimal;

/** The same business work with and without {@code @AuditAction}, to measure what auditing costs. */
@ApplicationScoped
@Transactional
public class Ledger {

    @PersistenceContext
    EntityManager em;

    public Invoice book(String number, String customer) {
        Invoice invoice = new Invoice(number, customer, BigDecimal.TEN);
        em.persist(invoice);
        return invoice;
    }

    @AuditAction("ledger.book")
    public Invoice bookAudited(@AuditTarget("Customer") String number, String customer) {
        return book(number, customer);
    }
}
