package dev.attest.it.contexts;

import dev.attest.AuditActor;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Timeout;
import jakarta.ejb.Timer;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.inject.Inject;

/** A programmatic timer whose callback names its system actor. */
@Singleton
public class Timers {

    @Resource
    TimerService timerService;

    @Inject
    Recorder recorder;

    public void start(String entry) {
        timerService.createSingleActionTimer(10, new TimerConfig(entry, false));
    }

    @Timeout
    @AuditActor("reminder-job")
    void fire(Timer timer) {
        recorder.work((String) timer.getInfo());
    }
}
