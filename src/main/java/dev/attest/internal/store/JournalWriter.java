package dev.attest.internal.store;

import dev.attest.Actor;
import dev.attest.AuditContext;
import dev.attest.AuditLog;
import dev.attest.AuditRecord;
import dev.attest.Category;
import dev.attest.Outcome;
import dev.attest.internal.config.AttestConfig;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import javax.naming.InitialContext;
import javax.naming.NamingException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps events the store did not take in the durable {@link Journal} and writes them to the store in their
 * order, each exactly once: at start (what a crash left behind), shortly after each append, and every
 * {@code attest.journal.retry-interval} while the store refuses. When the journal is empty again after some
 * events waited, a {@code SYSTEM} event {@value #REPLAYED} says how many were delayed.
 */
@ApplicationScoped
public class JournalWriter {

    /** The SYSTEM event recorded when delayed events reached the store. */
    public static final String REPLAYED = "audit.journal.replayed";
    /**
     * The SECURITY event recorded when the journal was full and events were lost: attempted at the first loss
     * (every loss is also logged at SEVERE), and recorded again with the number lost once the journal has drained.
     */
    public static final String FULL = "audit.journal.full";

    private static final Logger LOG = Logger.getLogger("dev.attest");
    private static final long TICK_MILLIS = 200;

    @Inject
    AttestConfig config;

    @Inject
    IsolatedWriter isolated;

    @Inject
    AuditLog log;

    @Resource
    ManagedScheduledExecutorService scheduler;

    private final ReentrantLock draining = new ReentrantLock();
    private final AtomicLong lost = new AtomicLong();
    private final Set<String> refused = new HashSet<>();
    private volatile Journal journal;
    private volatile ScheduledFuture<?> ticks;
    private volatile long retryAt;
    private int delayed;
    private Instant oldestDelayed;
    private boolean outage;

    void started(@Observes @Initialized(ApplicationScoped.class) Object application) {
        Journal opened = journal();
        synchronized (this) {
            for (Journal.Entry entry : opened.pending()) {
                // left behind by the last run: they waited for a restart
                refused.add(entry.key());
            }
        }
        if (!opened.isEmpty()) {
            LOG.warning("The audit journal " + opened.file() + " holds " + opened.pendingCount()
                    + " events not yet in the store: writing them now");
        }
        ticks = scheduler.scheduleWithFixedDelay(this::tick, 0, TICK_MILLIS, TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        ScheduledFuture<?> running = ticks;
        if (running != null) {
            running.cancel(false);
        }
        draining.lock();
        try {
            Journal open = journal;
            if (open != null) {
                open.close();
            }
        } finally {
            draining.unlock();
        }
    }

    /**
     * Appends {@code row} to the journal, on disk before this returns; {@code delayed} says the store refused it.
     * Returns {@code false} when the journal is full: the alarm is raised and the event is lost.
     */
    public boolean append(EventRow row, boolean delayed) {
        Journal.Entry entry = journal().append(row, delayed);
        if (entry == null) {
            full(row);
            return false;
        }
        return true;
    }

    /** Where the journal of this application lives. */
    public Path file() {
        return journal().file();
    }

    /** How many events wait in the journal. */
    public int pending() {
        return journal().pendingCount();
    }

    private Journal journal() {
        Journal open = journal;
        if (open == null) {
            synchronized (this) {
                open = journal;
                if (open == null) {
                    Path file = config.journalDir().resolve(applicationName() + ".journal");
                    try {
                        open = new Journal(file, config.journalMaxSize());
                    } catch (RuntimeException e) {
                        throw new IllegalStateException(AttestConfig.JOURNAL_DIR + ": " + e.getMessage(), e);
                    }
                    journal = open;
                }
            }
        }
        return open;
    }

    private void tick() {
        try {
            Journal open = journal;
            if (open == null || open.isEmpty() || System.currentTimeMillis() < retryAt) {
                return;
            }
            drain(open);
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "The audit journal could not be written to the store: " + e, e);
        }
    }

    /** Writes the pending entries oldest first; stops at the first the store refuses, to keep their order. */
    private void drain(Journal open) {
        if (!draining.tryLock()) {
            return;
        }
        int written;
        Instant oldest;
        try {
            for (Journal.Entry entry : open.pending()) {
                try {
                    isolated.writeOnce(entry.row(), entry.key());
                } catch (RuntimeException e) {
                    synchronized (this) {
                        refused.add(entry.key());
                        if (!outage) {
                            outage = true;
                            LOG.log(Level.SEVERE, "The audit store refuses the events of the journal " + open.file()
                                    + " (" + open.pendingCount() + " waiting); retrying every "
                                    + config.journalRetryInterval() + ": " + e);
                        }
                    }
                    retryAt = System.currentTimeMillis() + config.journalRetryInterval().toMillis();
                    return;
                }
                open.done(entry.key());
                synchronized (this) {
                    if (refused.remove(entry.key()) || entry.delayed()) {
                        delayed++;
                        if (oldestDelayed == null || entry.row().occurredAt().isBefore(oldestDelayed)) {
                            oldestDelayed = entry.row().occurredAt();
                        }
                    }
                }
            }
            synchronized (this) {
                outage = false;
                if (!open.isEmpty()) {
                    return;
                }
                written = delayed;
                oldest = oldestDelayed;
                delayed = 0;
                oldestDelayed = null;
            }
        } finally {
            draining.unlock();
        }
        reportLost(open);
        if (written == 0) {
            return;
        }
        LOG.warning("The audit store took the " + written + " events that waited in the journal " + open.file());
        try {
            AuditContext.runAs(Actor.system("attest"), () -> log.record(AuditRecord.of(Category.SYSTEM, REPLAYED)
                    .detail("delayed", written).detail("oldest", oldest.toString())));
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "could not record " + REPLAYED + ": " + e);
        }
    }

    private void full(EventRow row) {
        LOG.log(Level.SEVERE, "AUDIT JOURNAL FULL (" + AttestConfig.JOURNAL_MAX_SIZE + "=" + config.journalMaxSize()
                + " bytes, " + journal().file() + "): AUDIT EVENT LOST: " + row.summary() + " details=" + row.details());
        if (lost.getAndIncrement() == 0) {
            recordFull(journal(), null);
        }
    }

    /** After a drain: says how many events were lost while the journal was full, now that the store answers. */
    private void reportLost(Journal open) {
        long count = lost.getAndSet(0);
        if (count > 0) {
            LOG.log(Level.SEVERE, "AUDIT JOURNAL WAS FULL: " + count + " audit events were lost (" + open.file() + ")");
            recordFull(open, count);
        }
    }

    private void recordFull(Journal open, Long lostCount) {
        try {
            AuditContext.runAs(Actor.system("attest"), () -> {
                AuditRecord record = AuditRecord.of(Category.SECURITY, FULL).outcome(Outcome.FAILURE)
                        .detail("file", open.file().toString()).detail("maxBytes", config.journalMaxSize());
                log.record(lostCount == null ? record : record.detail("lost", lostCount));
            });
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "could not record " + FULL + ": " + e);
        }
    }

    private static String applicationName() {
        try {
            String name = (String) new InitialContext().lookup("java:app/AppName");
            return name.replaceAll("[^A-Za-z0-9._-]", "_");
        } catch (NamingException e) {
            return "attest";
        }
    }
}
