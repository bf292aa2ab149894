package dev.attest.it.chaos;

import dev.attest.AuditAction;
import dev.attest.AuditTarget;
import dev.attest.it.app.Invoice;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import java.math.BigDecimal;
import java.util.List;

/** Audited work of the chaos application: one that commits, one whose caller rolls back, one without transaction. */
@ApplicationScoped
public class Orders {

    @PersistenceContext
    EntityManager em;

    @Transactional
    @AuditAction("chaos.commit")
    public void place(@AuditTarget("Order") String id) {
        em.persist(new Invoice(id, "chaos", BigDecimal.ONE));
    }

    @AuditAction("chaos.rollback")
    public void placeInCallerTransaction(@AuditTarget("Order") String id) {
        em.persist(new Invoice(id, "chaos", BigDecimal.ONE));
    }

    @AuditAction("chaos.refused")
    public void notify(@AuditTarget("Order") String id) {
    }

    /** The store refuses {@code chaos.refused} events while {@code refuse} is on: they wait in the journal. */
    @Transactional
    public void refuse(boolean refuse) {
        em.createNativeQuery("alter table attest_event drop constraint if exists chaos_refuse").executeUpdate();
        if (refuse) {
            em.createNativeQuery("alter table attest_event add constraint chaos_refuse check (action <> 'chaos.refused')")
                    .executeUpdate();
        }
    }

    /** Request id, action and outcome of every chaos event, read through the event entity. */
    @Transactional
    public List<Object[]> events() {
        return em.createQuery("select e.requestId, e.action, e.outcome from AttestEvent e where e.action like 'chaos.%'",
                Object[].class).getResultList();
    }
}
