package dev.attest;

import jakarta.batch.runtime.BatchRuntime;
import dev.attest.internal.context.ContextStamp;

import java.util.Properties;

/**
 * Starts Jakarta Batch jobs that remember who started them: the steps' batch artifacts (batchlets, readers,
 * processors, writers) then record the starter's actor, reason and correlation id, in events and revisions.
 * A job started otherwise runs as its artifact's {@link AuditActor}, else as a {@code SYSTEM} actor named after
 * the artifact's method ({@code Bean#method}).
 */
public final class AuditBatch {

    private AuditBatch() {
    }

    /** Starts {@code jobXmlName} with {@code parameters} stamped with the current audit context. */
    public static long start(String jobXmlName, Properties parameters) {
        return BatchRuntime.getJobOperator().start(jobXmlName, stamp(parameters));
    }

    /** A copy of {@code parameters} (may be {@code null}) with the current audit context added. */
    public static Properties stamp(Properties parameters) {
        Properties stamped = new Properties();
        if (parameters != null) {
            stamped.putAll(parameters);
        }
        ContextStamp.write(AuditContext.currentActor(), stamped::setProperty);
        return stamped;
    }
}
