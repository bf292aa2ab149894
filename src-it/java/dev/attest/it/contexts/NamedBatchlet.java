package dev.attest.it.contexts;

import dev.attest.AuditActor;
import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** A batch step that names its system actor. */
@Named
@Dependent
@AuditActor("batch-import")
public class NamedBatchlet extends AbstractBatchlet {

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
