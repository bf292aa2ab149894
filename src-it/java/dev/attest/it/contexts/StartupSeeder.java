package dev.attest.it.contexts;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;

/** A startup singleton with no @AuditActor. */
@Singleton
@Startup
public class StartupSeeder {

    @Inject
    Recorder recorder;

    @PostConstruct
    void seed() {
        recorder.work("startup");
    }
}
