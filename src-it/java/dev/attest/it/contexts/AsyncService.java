package dev.attest.it.contexts;

import jakarta.ejb.AsyncResult;
import jakarta.ejb.Asynchronous;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

import java.util.concurrent.Future;

/** An asynchronous session bean method, called from a request. */
@Stateless
public class AsyncService {

    @Inject
    Recorder recorder;

    @Asynchronous
    public Future<Long> work(String entryPoint) {
        return new AsyncResult<>(recorder.work(entryPoint).getId());
    }

    /** Does the audited work and returns the pool thread that ran it. */
    @Asynchronous
    public Future<Thread> workOnPool(String entryPoint) {
        recorder.work(entryPoint);
        return new AsyncResult<>(Thread.currentThread());
    }
}
