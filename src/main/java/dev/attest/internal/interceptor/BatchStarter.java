package dev.attest.internal.interceptor;

import dev.attest.AuditBatch;
import dev.attest.internal.context.ContextStamp;
import dev.attest.internal.context.Scope;
import jakarta.batch.api.Batchlet;
import jakarta.batch.api.chunk.ItemProcessor;
import jakarta.batch.api.chunk.ItemReader;
import jakarta.batch.api.chunk.ItemWriter;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.inject.spi.CDI;

import java.util.Properties;

/** The audit context a batch job was started with by {@link AuditBatch}, read from its parameters. */
final class BatchStarter {

    private BatchStarter() {
    }

    /** Whether instances of {@code type} run inside batch steps. */
    static boolean isArtifact(Class<?> type) {
        return !type.isInterface() && (Batchlet.class.isAssignableFrom(type) || ItemReader.class.isAssignableFrom(type)
                || ItemProcessor.class.isAssignableFrom(type) || ItemWriter.class.isAssignableFrom(type));
    }

    /** The starter's scope over {@code base}, or {@code null} when the running job carries no stamp. */
    static Scope scope(Scope base) {
        try {
            JobContext job = CDI.current().select(JobContext.class).get();
            Properties parameters = BatchRuntime.getJobOperator().getParameters(job.getExecutionId());
            return parameters == null ? null : ContextStamp.read(parameters::getProperty, base);
        } catch (RuntimeException notInAJob) {
            return null;
        }
    }
}
