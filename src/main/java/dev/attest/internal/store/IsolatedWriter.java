package dev.attest.internal.store;

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

    /** Writes a journaled row in a transaction of its own, unless its key is already stored. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void writeOnce(EventRow row, String key) {
        entityManager.unwrap(Session.class).doWork(connection -> EventTable.insertOnce(connection, row, key));
    }

    /** Inserts {@code row} on the connection of {@code entityManager}'s current transaction. */
    static void writeHere(EntityManager entityManager, EventRow row) {
        entityManager.unwrap(Session.class).doWork(connection -> EventTable.insert(connection, row));
    }
}
