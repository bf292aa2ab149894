package dev.attest.store;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import org.hibernate.Session;

/** Writes an event in a transaction of its own, so it survives whatever happens to the caller's. */
@ApplicationScoped
public class IsolatedWriter {

    @PersistenceContext
    EntityManager entityManager;

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void write(EventRow row) {
        writeHere(entityManager, row, null);
    }

    /** Writes the FAILURE row that stands for the rolled-back row {@code replacesId}. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void write(EventRow row, Long replacesId) {
        writeHere(entityManager, row, replacesId);
    }

    /** Inserts {@code row} on the connection of {@code entityManager}'s current transaction. */
    static void writeHere(EntityManager entityManager, EventRow row) {
        writeHere(entityManager, row, null);
    }

    private static void writeHere(EntityManager entityManager, EventRow row, Long replacesId) {
        entityManager.unwrap(Session.class).doWork(connection -> EventTable.insert(connection, row, replacesId));
    }
}
