package dev.attest.it;

import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * A real failure of the event store for the tests that extend it: a check constraint refuses the events of
 * {@code payment.note} while each test runs.
 */
abstract class StoreOutage {

    @Inject
    Probe probe;

    @BeforeEach
    void refuseNotes() {
        probe.execute("alter table attest_event add constraint refuse_notes check (action <> 'payment.note')");
    }

    @AfterEach
    void acceptNotes() {
        probe.execute("alter table attest_event drop constraint refuse_notes");
    }
}
