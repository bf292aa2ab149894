package dev.attest.internal.retention;

import dev.attest.AuditLog;
import dev.attest.AuditRecord;
import dev.attest.Category;
import dev.attest.internal.seal.SealProofs;
import dev.attest.internal.seal.SealRounds;
import dev.attest.internal.seal.SealService;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import org.eclipse.microprofile.config.ConfigProvider;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Validates the {@code attest.retention.*} settings at deployment and, when {@code attest.retention.events} or
 * {@code attest.retention.revisions} is set, purges once a day at {@code attest.retention.at} (UTC): on one node at a
 * time (a lease row), events then revisions, in batches of {@code attest.retention.batch-size}, each archived,
 * deleted and recorded in a short transaction of its own; a batch's archive takes its final name only when the
 * batch commits.
 */
@ApplicationScoped
public class RetentionService {

    private static final Logger LOG = Logger.getLogger(RetentionService.class.getName());
    /** Recorded once per purge run that deleted events. */
    public static final String PURGED = "audit.retention.purged";

    @Inject
    SealRounds work;

    @Inject
    SealService sealing;

    @Inject
    SealProofs proofs;

    @Inject
    AuditLog log;

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Resource
    TransactionSynchronizationRegistry transactions;

    @PersistenceContext
    EntityManager entityManager;

    private final String node = ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID();
    private RetentionSettings settings;
    private ScheduledFuture<?> task;
    private volatile boolean stopping;

    void start(@Observes @Initialized(ApplicationScoped.class) Object application) {
        settings = RetentionSettings.load(ConfigProvider.getConfig(RetentionService.class.getClassLoader()));
        if (!settings.purgesEvents() && !settings.purgesRevisions()) {
            return;
        }
        Instant now = Instant.now();
        Instant next = LocalDate.now(ZoneOffset.UTC).atTime(settings.at()).toInstant(ZoneOffset.UTC);
        if (!next.isAfter(now)) {
            next = next.plus(Duration.ofDays(1));
        }
        task = scheduler.scheduleAtFixedRate(this::daily, Duration.between(now, next).toMillis(),
                Duration.ofDays(1).toMillis(), TimeUnit.MILLISECONDS);
        LOG.info("attest retention: " + (settings.purgesEvents() ? "events older than " + settings.events() : "")
                + (settings.purgesEvents() && settings.purgesRevisions() ? " and " : "")
                + (settings.purgesRevisions() ? "revisions older than " + settings.revisions() : "")
                + " are purged daily at " + settings.at()
                + " UTC, archived to " + settings.archiveDir()
                + (sealing.enabled() ? "" : "; sealing is off, so the archives carry no proofs and the purge is recorded as an event only"));
    }

    void stop(@Observes @BeforeDestroyed(ApplicationScoped.class) Object application) {
        stopping = true;
        if (task != null) {
            task.cancel(false);
        }
    }

    public RetentionSettings settings() {
        return settings;
    }

    private void daily() {
        try {
            purgeNow(Instant.now());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "attest retention purge failed, retried tomorrow: " + e, e);
        }
    }

    /** What one purge run did: events and revisions deleted, batches of both, their archives. */
    public record Run(long deleted, int batches, List<String> archives, boolean ran, long revisions) {
    }

    /**
     * Purges now the events older than {@code attest.retention.events} and the revisions older than
     * {@code attest.retention.revisions} before {@code now}, unless another node holds the purge lease. Returns what
     * it did.
     */
    public synchronized Run purgeNow(Instant now) {
        if (settings == null || !settings.purgesEvents() && !settings.purgesRevisions()) {
            throw new IllegalStateException(RetentionSettings.EVENTS + " and " + RetentionSettings.REVISIONS
                    + " are not set: nothing is purged");
        }
        Duration lease = Duration.ofHours(1);
        if (!lease(lease)) {
            return new Run(0, 0, List.of(), false, 0);
        }
        SealProofs.Snapshot snapshot = sealing.enabled() ? proofs.snapshot() : null;
        if (snapshot != null && snapshot.checkpoint() == null) {
            LOG.info("attest retention: nothing is sealed under a checkpoint yet, nothing is purged");
            return new Run(0, 0, List.of(), true, 0);
        }
        List<String> archives = new java.util.ArrayList<>();
        Run events = settings.purgesEvents() ? purgeEvents(now, snapshot, lease, archives) : new Run(0, 0, List.of(), true, 0);
        Run revisions = settings.purgesRevisions() ? purgeRevisions(now, snapshot, lease, archives)
                : new Run(0, 0, List.of(), true, 0);
        return new Run(events.deleted(), events.batches() + revisions.batches(), List.copyOf(archives), true,
                revisions.revisions());
    }

    private Run purgeEvents(Instant now, SealProofs.Snapshot snapshot, Duration lease, List<String> archives) {
        Instant cut = now.atZone(ZoneOffset.UTC).minus(settings.events()).toInstant();
        long[] done = inBatches("events", cut, snapshot, lease, archives, (Purger.Cursor) null, (c, after) -> {
            // the holds as they are now: one placed during the run protects the next batch
            Purger.Batch batch = Purger.batch(c, cut, after, LegalHoldService.active(c), snapshot, settings.archiveDir(),
                    settings.batchSize(), this::settleOnCompletion);
            return new Step<>(batch.deleted(), batch.scanned() > 0, batch.next(), batch.archive());
        });
        return new Run(done[0], (int) done[1], List.of(), true, 0);
    }

    /**
     * Purges the revisions before the cut in batches, from the oldest up (a cursor, so that the revisions kept for a
     * hold or an entity's current state are looked at once per run).
     */
    private Run purgeRevisions(Instant now, SealProofs.Snapshot snapshot, Duration lease, List<String> archives) {
        Instant cut = now.atZone(ZoneOffset.UTC).minus(settings.revisions()).toInstant();
        long[] done = inBatches("revisions", cut, snapshot, lease, archives, 0L, (c, after) -> {
            List<dev.attest.Hold> holds = LegalHoldService.active(c);
            java.util.Map<String, String[]> targets = new java.util.HashMap<>();
            for (dev.attest.Hold hold : holds) {
                String type = hold.scope().targetType();
                if (type != null && !targets.containsKey(type)) {
                    String[] table = AuditedEntities.auditTable(entityManager, type);
                    if (table != null) {
                        targets.put(type, table);
                    }
                }
            }
            RevisionPurger.Batch batch = RevisionPurger.batch(c, cut, after, holds, targets, RevisionPurger.audTables(c),
                    snapshot, settings.archiveDir(), settings.batchSize(), this::settleOnCompletion);
            return new Step<>(batch.deleted(), batch.examined(), batch.last(), batch.archive());
        });
        return new Run(0, (int) done[1], List.of(), true, done[0]);
    }

    /** What one purge batch did: rows deleted, whether it looked at any, where the next starts, its archive or null. */
    private record Step<C>(int deleted, boolean examined, C next, Path archive) {
    }

    /** One purge batch, in its own transaction, starting after {@code after}. */
    private interface BatchOf<C> {
        Step<C> run(java.sql.Connection c, C after) throws java.sql.SQLException, IOException;
    }

    /**
     * Runs {@code batch} from {@code start} until a batch looks at nothing (or the service stops), each in its own
     * transaction, retrying one that rolled back a few times; records the run's {@code attest.purged} event. Returns
     * the rows deleted and the batches that deleted some.
     */
    private <C> long[] inBatches(String rows, Instant cut, SealProofs.Snapshot snapshot, Duration lease,
                                 List<String> archives, C start, BatchOf<C> batch) {
        long deleted = 0;
        int batches = 0;
        int failures = 0;
        C after = start;
        while (!stopping) {
            Step<C> step;
            C from = after;
            try {
                step = work.work(c -> {
                    try {
                        return batch.run(c, from);
                    } catch (IOException e) {
                        throw new UncheckedIOException("cannot write the archive in " + settings.archiveDir(), e);
                    }
                });
                failures = 0;
            } catch (RuntimeException e) {
                // a batch that lost a race with a sealing round rolled back whole: try it again, a few times
                if (++failures >= 5) {
                    throw e;
                }
                LOG.log(Level.FINE, "attest retention batch of " + rows + " rolled back, retried", e);
                continue;
            }
            if (!step.examined()) {
                break;
            }
            after = step.next();
            if (step.deleted() > 0) {
                deleted += step.deleted();
                batches++;
                archives.add(step.archive().getFileName().toString());
                if (batches % 100 == 0) {
                    LOG.info("attest retention: " + deleted + " " + rows + " purged so far in " + batches + " batches");
                }
            }
            renew(lease);
            pause();
        }
        if (deleted > 0) {
            log.record(AuditRecord.of(Category.SYSTEM, PURGED).detail(rows.equals("events") ? "deleted" : rows, deleted)
                    .detail("batches", batches).detail("cut", cut.toString())
                    .detail("archiveDir", settings.archiveDir().toString()).detail("sealed", snapshot != null));
            LOG.info("attest retention: purged " + deleted + " " + rows + " older than " + cut + " in " + batches
                    + " batches, archived in " + settings.archiveDir());
        }
        return new long[] {deleted, batches};
    }

    /** Renames {@code archive} into place when the current transaction commits, deletes it when it rolls back. */
    private void settleOnCompletion(Path archive) {
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                boolean committed = status == Status.STATUS_COMMITTED;
                if (!Purger.settle(archive, committed)) {
                    LOG.warning("attest retention: could not " + (committed ? "rename the archive of a committed batch "
                            + "to " + archive : "delete the archive of a rolled back batch, " + Purger.temporary(archive)));
                }
            }
        });
    }

    private void pause() {
        try {
            Thread.sleep(settings.pause().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopping = true;
        }
    }

    /** Takes the purge lease (row {@code retention} of the lease table) on database time, or says another node has it. */
    private boolean lease(Duration duration) {
        return work.work(c -> {
            Timestamp now = Timestamp.from(Instant.now());
            Timestamp until = Timestamp.from(Instant.now().plus(duration));
            try (PreparedStatement s = c.prepareStatement("update attest_seal_lease set holder = ?, expires_at = ? "
                    + "where name = 'retention' and (holder = ? or expires_at < ?)")) {
                s.setString(1, node);
                s.setTimestamp(2, until);
                s.setString(3, node);
                s.setTimestamp(4, now);
                if (s.executeUpdate() == 1) {
                    return true;
                }
            }
            if (exists(c)) {
                return false;
            }
            try (PreparedStatement s = c.prepareStatement(
                    "insert into attest_seal_lease (name, holder, expires_at) values ('retention', ?, ?)")) {
                s.setString(1, node);
                s.setTimestamp(2, until);
                return s.executeUpdate() == 1;
            }
        });
    }

    private static boolean exists(java.sql.Connection c) throws java.sql.SQLException {
        try (PreparedStatement s = c.prepareStatement("select 1 from attest_seal_lease where name = 'retention'");
             java.sql.ResultSet rs = s.executeQuery()) {
            return rs.next();
        }
    }

    private void renew(Duration duration) {
        work.work(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "update attest_seal_lease set expires_at = ? where name = 'retention' and holder = ?")) {
                s.setTimestamp(1, Timestamp.from(Instant.now().plus(duration)));
                s.setString(2, node);
                return s.executeUpdate();
            }
        });
    }
}
