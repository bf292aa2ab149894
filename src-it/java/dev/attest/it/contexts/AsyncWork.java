package dev.attest.it.contexts;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.inject.Inject;

/** An observer of an asynchronous CDI event: the work runs on another thread than the one that fired it. */
@ApplicationScoped
public class AsyncWork {

    /** The event: the entry point's name. */
    public record Requested(String entry) {
    }

    @Inject
    Recorder recorder;

    void on(@ObservesAsync Requested requested) {
        recorder.work(requested.entry());
    }
}
