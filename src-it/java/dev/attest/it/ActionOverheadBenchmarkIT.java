package dev.attest.it;

import dev.attest.it.app.Ledger;
import jakarta.inject.Inject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A benchmark, not a timed test: what {@code @AuditAction} adds to a transactional business call that
 * writes an {@code @Audited} entity, measured against the same call without it, in the same server and
 * process, interleaved so both see the same warm-up and load. It prints medians and their ratio.
 */
@ExtendWith(ArquillianExtension.class)
class ActionOverheadBenchmarkIT {

    private static final int WARM_UP = 500;
    private static final int ROUNDS = 2_000;

    @Deployment
    static WebArchive deployment() {
        return Deployments.war("overhead-benchmark");
    }

    @Inject
    Ledger ledger;

    @Inject
    Probe probe;

    @Test
    void auditedCallCostAgainstTheSameCallWithoutAuditing() {
        for (int i = 0; i < WARM_UP; i++) {
            ledger.book("W-" + i, "warm-up");
            ledger.bookAudited("WA-" + i, "warm-up");
        }
        long[] plain = new long[ROUNDS];
        long[] audited = new long[ROUNDS];
        for (int i = 0; i < ROUNDS; i++) {
            long start = System.nanoTime();
            ledger.book("B-" + i, "plain");
            plain[i] = System.nanoTime() - start;
            start = System.nanoTime();
            ledger.bookAudited("BA-" + i, "audited");
            audited[i] = System.nanoTime() - start;
        }
        double plainMedian = median(plain) / 1_000.0;
        double auditedMedian = median(audited) / 1_000.0;
        System.out.printf("action-overhead (%s): plain median %.1f µs, audited median %.1f µs, ratio %.2f, "
                        + "p90 plain %.1f µs, p90 audited %.1f µs (%d rounds after %d warm-up)%n",
                probe.databaseName(), plainMedian, auditedMedian, auditedMedian / plainMedian,
                percentile(plain, 0.9) / 1_000.0, percentile(audited, 0.9) / 1_000.0, ROUNDS, WARM_UP);

        assertEquals(ROUNDS + WARM_UP, probe.count("AttestEvent", "x.action = ?1", "ledger.book"),
                "every audited call left exactly one event");
    }

    private static double median(long[] samples) {
        return percentile(samples, 0.5);
    }

    private static double percentile(long[] samples, double p) {
        long[] sorted = samples.clone();
        Arrays.sort(sorted);
        return sorted[(int) Math.min(sorted.length - 1, Math.round(p * (sorted.length - 1)))];
    }
}
