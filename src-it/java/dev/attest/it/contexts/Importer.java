package dev.attest.it.contexts;

import dev.attest.AuditActor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Work that names its system actor, started by hand from a request as well as by the system. */
@ApplicationScoped
@AuditActor("nightly-import")
public class Importer {

    @Inject
    Recorder recorder;

    public void runNow(String entry) {
        recorder.work(entry);
    }

    /** Fails with an exception class of the application, after recording its work. */
    public void runAndFail(String entry) {
        recorder.work(entry);
        throw new ImportFailed(entry);
    }

    /** An exception type of the application, so its class loader is the application's. */
    public static class ImportFailed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ImportFailed(String entry) {
            super("import failed: " + entry);
        }
    }
}
