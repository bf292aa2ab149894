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
        writeHere(entityManager, row);
    }

    /** Inserts {@code row} on the connection of {@code entityManager}'s current transaction. */
    static void writeHere(EntityManager entityManager, EventRow row) {
        entityManager.unwrap(Session.class).doWork(connection -> EventTable.insert(connection, row));
    }
}
