package dev.attest.it.contexts;

import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** A batch step with no @AuditActor. */
@Named
@Dependent
public class EntryBatchlet extends AbstractBatchlet {

    @Inject
    JobContext job;

    @Inject
    Recorder recorder;

    @Override
    public String process() {
        recorder.work(job.getProperties().getProperty("entry"));
        return "COMPLETED";
    }
}
