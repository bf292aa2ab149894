package dev.attest.internal.store;

import dev.attest.AuditWriteException;
import dev.attest.Category;
import dev.attest.FailurePolicy;
import dev.attest.Outcome;
import dev.attest.internal.config.AttestConfig;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import org.hibernate.Session;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Decides in which transaction an event row is written and what a failed write means.
 *
 * <ul>
 *   <li>SUCCESS in an active transaction: inserted in it (both commit or neither). If that transaction then
 *       rolls back, a FAILURE row naming the rolled-back row's id in {@code replaces_id} (the sealed log
 *       explains that id's gap with it) is appended to the durable journal by the thread that completes it (no
 *       waiting for the store) and written to the store from there.</li>
 *   <li>SUCCESS when the transaction is in any other state (marked for rollback, rolled back by a timeout,
 *       completing, unknown): never SUCCESS; written as FAILURE at once, in its own transaction.</li>
 *   <li>FAILURE, DENIED, or no transaction at all: written in a transaction of its own.</li>
 *   <li>A row the store refuses: under FAIL_OPEN (and for authentication events, under their own policy)
 *       kept in the journal and written later; under FAIL_CLOSED the operation fails.</li>
 * </ul>
 */
@ApplicationScoped
public class EventStore {

    static final Logger LOG = Logger.getLogger("dev.attest");

    @Inject
    AttestConfig config;

    @Inject
    IsolatedWriter isolated;

    @Inject
    JournalWriter journal;

    @PersistenceContext
    EntityManager entityManager;

    @Resource
    TransactionSynchronizationRegistry transactions;

    public void write(EventRow row) {
        int status = transactions.getTransactionStatus();
        if (row.outcome() != Outcome.SUCCESS) {
            writeIsolated(row, false);
        } else if (status == Status.STATUS_ACTIVE) {
            Written written = writeInTransaction(row);
            if (written == null) {
                return;
            }
            try {
                transactions.registerInterposedSynchronization(new Completion(row, written));
            } catch (IllegalStateException ended) {
                // the transaction ended in between (a timeout): it did not commit
                writeIsolated(row.notCommitted(transactions.getTransactionStatus()), false);
            }
        } else if (status == Status.STATUS_NO_TRANSACTION) {
            writeIsolated(row, true);
        } else {
            writeIsolated(row.notCommitted(status), false);
        }
    }

    /**
     * What became of a row written in the caller's transaction: {@code inserted} is {@code false} when FAIL_OPEN
     * let the transaction go on without it; {@code id} is the inserted row's id, or -1.
     */
    private record Written(boolean inserted, long id) {
    }

    /**
     * Writes the row in the caller's transaction; {@code null} when the transaction itself ended under the insert
     * (rolled back by a timeout), in which case the attempt is already recorded as a FAILURE.
     */
    private Written writeInTransaction(EventRow row) {
        boolean failOpen = policy(row) == FailurePolicy.FAIL_OPEN;
        try {
            long id = entityManager.unwrap(Session.class).doReturningWork(connection -> failOpen
                    ? EventTable.insertBehindSavepoint(connection, row)
                    : EventTable.insert(connection, row));
            return new Written(true, id);
        } catch (RuntimeException e) {
            int now = transactions.getTransactionStatus();
            if (now != Status.STATUS_ACTIVE) {
                writeIsolated(row.notCommitted(now), false);
                return null;
            }
            failClosed(row, e);
            LOG.log(Level.SEVERE, "Audit event could not be written in its transaction (FAIL_OPEN); it goes to the "
                    + "journal when the transaction ends: " + row.summary() + " cause=" + e);
            return new Written(false, -1);
        }
    }

    private void writeIsolated(EventRow row, boolean policyApplies) {
        try {
            isolated.write(row);
        } catch (RuntimeException e) {
            if (policyApplies) {
                // no transaction: the work is done whatever happens now, so the event is kept in any case
                keep(row, e);
                failClosed(row, e);
            } else {
                keep(row, e);
            }
        }
    }

    private FailurePolicy policy(EventRow row) {
        return row.category() == Category.AUTHENTICATION ? config.authenticationFailurePolicy() : config.failurePolicy();
    }

    /** Under FAIL_CLOSED the operation fails: its transaction, if any, rolls back. */
    private void failClosed(EventRow row, RuntimeException cause) {
        if (policy(row) != FailurePolicy.FAIL_CLOSED) {
            return;
        }
        if (transactions.getTransactionStatus() == Status.STATUS_ACTIVE) {
            transactions.setRollbackOnly();
        }
        LOG.log(Level.SEVERE, "Audit event could not be written; the operation fails (FAIL_CLOSED): "
                + row.summary() + " cause=" + cause);
        throw new AuditWriteException("audit event could not be written: " + row.action(), cause);
    }

    /** Never silent: the row goes to the durable journal, or, when even that fails, to the server log. */
    private void keep(EventRow row, RuntimeException cause) {
        try {
            if (journal.append(row, true)) {
                LOG.log(Level.SEVERE, "Audit event could not be written to the store; kept in the journal and "
                        + "written when the store answers: " + row.summary() + " cause=" + cause);
            }
        } catch (RuntimeException journalFailed) {
            LOG.log(Level.SEVERE, "AUDIT EVENT LOST: neither the store nor the journal could take it: " + row.summary()
                    + " details=" + row.details() + " cause=" + cause + " journal=" + journalFailed);
        }
    }

    /**
     * Settles an event of a transaction when it ends, on the thread that ends it (possibly the transaction
     * reaper): nothing to do after a commit that holds the row; otherwise one fsynced journal append, never a
     * wait for the store.
     */
    private final class Completion implements Synchronization {

        private final EventRow row;
        private final Written written;

        Completion(EventRow row, Written written) {
            this.row = row;
            this.written = written;
        }

        @Override
        public void beforeCompletion() {
        }

        @Override
        public void afterCompletion(int status) {
            if (status == Status.STATUS_COMMITTED && written.inserted()) {
                return;
            }
            EventRow settled = status == Status.STATUS_COMMITTED ? row
                    : row.rolledBack(written.inserted() && written.id() >= 0 ? written.id() : null);
            try {
                if (!journal.append(settled, !written.inserted())) {
                    return;
                }
            } catch (RuntimeException e) {
                LOG.log(Level.SEVERE, "AUDIT EVENT LOST: the journal could not take it: " + settled.summary()
                        + " details=" + settled.details() + " cause=" + e);
            }
        }
    }
}
