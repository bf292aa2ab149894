package dev.attest.it.contexts;

import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Timeout;
import jakarta.ejb.Timer;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.inject.Inject;

/** A programmatic timer with no @AuditActor: Attest names the system actor after it. */
@Singleton
public class PlainTimers {

    @Resource
    TimerService timerService;

    @Inject
    Recorder recorder;

    public void start(String entry) {
        timerService.createSingleActionTimer(10, new TimerConfig(entry, false));
    }

    @Timeout
    void expire(Timer timer) {
        recorder.work((String) timer.getInfo());
    }
}
