package dev.attest.internal.seal;

import dev.attest.internal.integrity.Checkpoint;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.ConfigProvider;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Starts this node's sealer at deployment when {@code attest.seal.enabled=true} (after validating every
 * {@code attest.seal.*} key) and starts a round every {@code attest.seal.interval}, off the business path; a round
 * that came back full (a backlog) is followed by the next at once.
 */
@ApplicationScoped
public class SealService {

    private static final Logger LOG = Logger.getLogger(SealService.class.getName());

    @Inject
    SealRounds rounds;

    @Resource
    ManagedScheduledExecutorService scheduler;

    private SealSettings settings = SealSettings.disabled();
    private Sealer sealer;
    private ScheduledFuture<?> task;
    private volatile String lastFailure;

    void start(@Observes @Initialized(ApplicationScoped.class) Object application) {
        settings = SealSettings.load(ConfigProvider.getConfig(SealService.class.getClassLoader()));
        if (!settings.enabled()) {
            return;
        }
        rounds.checkEncodable();
        sealer = new Sealer(settings, ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID());
        long every = settings.interval().toMillis();
        // rounds start every interval whatever a round took, so a row waits at most an interval for its round
        task = scheduler.scheduleAtFixedRate(this::tick, every, every, TimeUnit.MILLISECONDS);
        LOG.info("attest sealing every " + settings.interval() + ", checkpoints to " + settings.checkpointFile()
                + ", signed by " + settings.keys());
    }

    void stop(@Observes @BeforeDestroyed(ApplicationScoped.class) Object application) {
        if (task != null) {
            task.cancel(false);
        }
    }

    private void tick() {
        try {
            // a full round leaves rows waiting: seal them now instead of an interval later
            Sealer.Round round;
            do {
                round = sealNow();
            } while (round.appended() >= settings.batchSize());
            lastFailure = null;
        } catch (RuntimeException e) {
            String message = String.valueOf(e);
            if (!message.equals(lastFailure)) {
                LOG.log(Level.WARNING, "attest sealing round failed, retried next round: " + message);
            }
            lastFailure = message;
        }
    }

    /** Whether sealing is on. */
    public boolean enabled() {
        return settings.enabled();
    }

    public SealSettings settings() {
        return settings;
    }

    /** This node's sealer (null when sealing is off). */
    public Sealer sealer() {
        return sealer;
    }

    /** Runs one round of this node's sealer now, and signs its checkpoint. */
    public synchronized Sealer.Round sealNow() {
        if (sealer == null) {
            throw new IllegalStateException(SealSettings.ENABLED + " is false");
        }
        return run(sealer);
    }

    /** One round of {@code node}'s sealer in its own transaction, then its checkpoint and the database copy. */
    public Sealer.Round run(Sealer node) {
        Sealer.Round round = rounds.round(node);
        node.fault(Sealer.AFTER_COMMIT);
        if (round.size() < 0) {
            return round;
        }
        try {
            Checkpoint checkpoint = node.checkpoint(round.size(), round.root(), Instant.now());
            if (checkpoint != null) {
                rounds.copy(checkpoint);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the checkpoint file " + node.settings().checkpointFile(), e);
        }
        return round;
    }
}
