package dev.attest.it.standalone;

import dev.attest.AuditActor;
import dev.attest.it.app.Invoice;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import java.math.BigDecimal;

/** An {@code @AuditActor} bean with a one-parameter method, on a server without Jakarta Messaging. */
@ApplicationScoped
@AuditActor("profile-import")
@Transactional
public class ProfileImport {

    @PersistenceContext
    EntityManager em;

    public Invoice run(String customer) {
        Invoice invoice = new Invoice("P-" + System.nanoTime(), customer, BigDecimal.TEN);
        em.persist(invoice);
        return invoice;
    }
}
