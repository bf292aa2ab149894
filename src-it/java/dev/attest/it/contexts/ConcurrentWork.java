package dev.attest.it.contexts;

import jakarta.enterprise.concurrent.Asynchronous;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.concurrent.CompletableFuture;

/** An asynchronous method of Jakarta Concurrency: it runs on the default managed executor. */
@ApplicationScoped
public class ConcurrentWork {

    @Inject
    Recorder recorder;

    @Asynchronous
    public CompletableFuture<Long> work(String entry) {
        return Asynchronous.Result.complete(recorder.work(entry).getId());
    }
}
