package dev.attest.it.contexts;

import dev.attest.AuditActor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/** Observers of the application's start: one named by @AuditActor, one named by Attest. */
@ApplicationScoped
public class StartupObserver {

    @Inject
    Recorder recorder;

    void onStart(@Observes @Initialized(ApplicationScoped.class) Object started) {
        recorder.work("observer");
    }

    @AuditActor("cache-warmer")
    void warmCache(@Observes @Initialized(ApplicationScoped.class) Object started) {
        recorder.work("observer-named");
    }
}
