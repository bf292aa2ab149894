package dev.attest.store;

import dev.attest.AuditWriteException;
import dev.attest.FailurePolicy;
import dev.attest.Outcome;
import dev.attest.config.AttestConfig;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import org.hibernate.Session;

import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Decides in which transaction an event row is written and what a failed write means.
 *
 * <ul>
 *   <li>SUCCESS in an active transaction: inserted in it (both commit or neither), and if that transaction
 *       then rolls back, the row is written again as FAILURE in a transaction of its own, naming the id of the
 *       rolled-back row in {@code replaces_id} (the sealed log explains that id's gap with it).</li>
 *   <li>SUCCESS in a transaction marked for rollback: written as FAILURE at once, in its own transaction.</li>
 *   <li>FAILURE, DENIED, or no transaction at all: written in a transaction of its own.</li>
 * </ul>
 */
@ApplicationScoped
public class EventStore {

    static final Logger LOG = Logger.getLogger("dev.attest");

    @Inject
    AttestConfig config;

    @Inject
    IsolatedWriter isolated;

    @PersistenceContext
    EntityManager entityManager;

    @Resource
    TransactionSynchronizationRegistry transactions;

    @Resource
    ManagedExecutorService executor;

    public void write(EventRow row) {
        int status = transactions.getTransactionStatus();
        if (row.outcome() != Outcome.SUCCESS) {
            writeIsolated(row, false);
        } else if (status == Status.STATUS_ACTIVE) {
            long id = writeInTransaction(row);
            transactions.registerInterposedSynchronization(new RollbackRecorder(row, id < 0 ? null : id));
        } else if (status == Status.STATUS_MARKED_ROLLBACK) {
            writeIsolated(row.rolledBack(), false);
        } else {
            writeIsolated(row, true);
        }
    }

    /** Returns the id of the row written, or -1. */
    private long writeInTransaction(EventRow row) {
        boolean failOpen = config.failurePolicy() == FailurePolicy.FAIL_OPEN;
        try {
            return entityManager.unwrap(Session.class).doReturningWork(connection -> failOpen
                    ? EventTable.insertBehindSavepoint(connection, row)
                    : EventTable.insert(connection, row, null));
        } catch (RuntimeException e) {
            lost(row, e, true);
            return -1;
        }
    }

    private void writeIsolated(EventRow row, boolean policyApplies) {
        try {
            isolated.write(row);
        } catch (RuntimeException e) {
            lost(row, e, policyApplies);
        }
    }

    /** Never silent: the loss is logged with the (redacted) event; under FAIL_CLOSED the operation fails. */
    private void lost(EventRow row, RuntimeException cause, boolean policyApplies) {
        boolean failClosed = policyApplies && config.failurePolicy() == FailurePolicy.FAIL_CLOSED;
        if (failClosed) {
            if (transactions.getTransactionStatus() == Status.STATUS_ACTIVE) {
                transactions.setRollbackOnly();
            }
            LOG.log(Level.SEVERE, "Audit event could not be written; the operation fails (FAIL_CLOSED): "
                    + row.summary() + " cause=" + cause);
            throw new AuditWriteException("audit event could not be written: " + row.action(), cause);
        }
        LOG.log(Level.SEVERE, "AUDIT EVENT LOST: could not be written, the operation goes on: " + row.summary()
                + " details=" + row.details() + " cause=" + cause);
    }

    /** Replaces a rolled-back SUCCESS row by a FAILURE row, outside the finished transaction. */
    private final class RollbackRecorder implements Synchronization {

        private final EventRow row;
        private final Long rolledBackId;

        RollbackRecorder(EventRow row, Long rolledBackId) {
            this.row = row;
            this.rolledBackId = rolledBackId;
        }

        @Override
        public void beforeCompletion() {
        }

        @Override
        public void afterCompletion(int status) {
            if (status == Status.STATUS_COMMITTED) {
                return;
            }
            EventRow failure = row.rolledBack();
            try {
                // the completed transaction may still be bound to this thread: write from another one
                executor.submit(() -> isolated.write(failure, rolledBackId)).get(60, TimeUnit.SECONDS);
            } catch (Exception e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                lost(failure, new IllegalStateException(e), false);
            }
        }
    }
}
