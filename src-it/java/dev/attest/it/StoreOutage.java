package dev.attest.it;

/** A real failure of the event store: a check constraint that refuses the events of one action. */
final class StoreOutage {

    static final String REFUSE_NOTES =
            "alter table attest_event add constraint refuse_notes check (action <> 'payment.note')";
    static final String ACCEPT_NOTES = "alter table attest_event drop constraint refuse_notes";

    private StoreOutage() {
    }
}
