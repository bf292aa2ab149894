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

    /**
     * Request id, action and outcome of every chaos event. H2 sometimes hands its enum column to a native query, and
     * even to the entity, as the 1-based position of the value in the column's sorted list (DENIED, FAILURE,
     * SUCCESS): the query turns that back into the name.
     */
    @Transactional
    @SuppressWarnings("unchecked")
    public List<Object[]> events() {
        return em.createNativeQuery("select request_id, action, case cast(outcome as varchar(16)) when '1' then 'DENIED'"
                + " when '2' then 'FAILURE' when '3' then 'SUCCESS' else cast(outcome as varchar(16)) end"
                + " from attest_event where action like 'chaos.%'").getResultList();
    }
}
