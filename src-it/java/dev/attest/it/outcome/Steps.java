package dev.attest.it.outcome;

import dev.attest.AuditAction;
import dev.attest.AuditTarget;
import dev.attest.it.app.Invoice;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import java.math.BigDecimal;

/** Audited steps that join the caller's transaction. */
@ApplicationScoped
@Transactional
public class Steps {

    @PersistenceContext
    EntityManager em;

    @AuditAction("step.slow")
    public void slow(@AuditTarget("Step") String id, long millis) throws InterruptedException {
        Thread.sleep(millis);
    }

    @AuditAction("step.quick")
    public void quick(@AuditTarget("Step") String id) {
    }

    @AuditAction("step.book")
    public void book(@AuditTarget("Step") String id) {
        em.persist(new Invoice(id, "steps", BigDecimal.ONE));
    }
}
