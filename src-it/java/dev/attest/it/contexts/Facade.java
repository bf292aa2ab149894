package dev.attest.it.contexts;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/** Not audited itself: calls two audited actions in one transaction. */
@ApplicationScoped
@Transactional
public class Facade {

    @Inject
    Recorder recorder;

    public void twoActions(String first, String second) {
        recorder.work(first);
        recorder.work(second);
    }
}
