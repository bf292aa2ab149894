package dev.attest.it.system;

import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Timeout;
import jakarta.ejb.Timer;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;

/** A programmatic timer whose callback fails: nobody catches the exception but the container. */
@Singleton
public class FailingTimer {

    @Resource
    TimerService timers;

    public void arm(String label) {
        timers.createSingleActionTimer(100, new TimerConfig(label, false));
    }

    @Timeout
    void sweep(Timer timer) {
        throw new IllegalStateException("sweep failed: " + timer.getInfo());
    }
}
