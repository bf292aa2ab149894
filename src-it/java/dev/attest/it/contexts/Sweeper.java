package dev.attest.it.contexts;

import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.inject.Inject;

/** A calendar timer with no @AuditActor. */
@Singleton
public class Sweeper {

    @Inject
    Recorder recorder;

    @Schedule(second = "*/2", minute = "*", hour = "*", persistent = false)
    void sweep() {
        recorder.work("schedule");
    }
}
