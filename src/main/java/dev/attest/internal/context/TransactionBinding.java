package dev.attest.internal.context;

import dev.attest.Actor;

import javax.naming.InitialContext;
import javax.naming.NamingException;

import jakarta.transaction.Status;
import jakarta.transaction.TransactionSynchronizationRegistry;

/**
 * The audit context of the outermost audited work of a transaction, kept with the transaction itself:
 * Envers writes revisions when the transaction commits, after that work has returned and restored the
 * thread's context, and the revision must still carry its actor and correlation id.
 *
 * @param actor who did the work
 * @param scope the context the work ran in
 */
public record TransactionBinding(Actor actor, Scope scope) {

    private static final Object KEY = TransactionBinding.class;
    private static volatile TransactionSynchronizationRegistry registry;

    /**
     * Binds {@code actor} and {@code scope} to the active transaction unless an outer work already did; an
     * audited action still replaces a binding without correlation id (such as {@code @AuditActor}'s).
     */
    public static void bind(Actor actor, Scope scope) {
        TransactionSynchronizationRegistry transactions = registry();
        if (transactions == null || transactions.getTransactionStatus() != Status.STATUS_ACTIVE) {
            return;
        }
        TransactionBinding existing = (TransactionBinding) transactions.getResource(KEY);
        if (existing == null || (existing.scope().correlationId() == null && scope.correlationId() != null)) {
            transactions.putResource(KEY, new TransactionBinding(actor, scope));
        }
    }

    /** What is bound to the current transaction, or {@code null}. */
    public static TransactionBinding current() {
        TransactionSynchronizationRegistry transactions = registry();
        if (transactions == null || transactions.getTransactionStatus() == Status.STATUS_NO_TRANSACTION) {
            return null;
        }
        return (TransactionBinding) transactions.getResource(KEY);
    }

    private static TransactionSynchronizationRegistry registry() {
        TransactionSynchronizationRegistry transactions = registry;
        if (transactions == null) {
            try {
                transactions = (TransactionSynchronizationRegistry)
                        new InitialContext().lookup("java:comp/TransactionSynchronizationRegistry");
                registry = transactions;
            } catch (NamingException notInAContainer) {
                return null;
            }
        }
        return transactions;
    }
}
