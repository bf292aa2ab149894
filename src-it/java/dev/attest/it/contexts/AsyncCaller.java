package dev.attest.it.contexts;

import dev.attest.AuditAction;
import dev.attest.AuditTarget;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.concurrent.Future;

/** An audited action that hands its work to an EJB {@code @Asynchronous} method. */
@ApplicationScoped
public class AsyncCaller {

    @EJB
    AsyncService async;

    /** Calls {@link AsyncService#workOnPool} and returns the thread that did the work. */
    @AuditAction("context.async-call")
    public Future<Thread> call(@AuditTarget("Entry") String entryPoint) {
        return async.workOnPool(entryPoint);
    }
}
