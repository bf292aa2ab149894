package dev.attest.internal.store;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class EventIndexesTest {

    @Test
    void onPostgresqlTheIndexesHoldOnlyTheRowsThatHaveAValue() {
        assertEquals(List.of(
                "create index if not exists attest_event_on_behalf_of on attest_event (on_behalf_of_id, occurred_at, id)"
                        + " where on_behalf_of_id is not null",
                "create unique index if not exists attest_event_key on attest_event (event_key) where event_key is not null"),
                EventIndexes.createStatements(true));
    }

    @Test
    void elsewhereTheyArePlainIndexes() {
        assertEquals(List.of(
                "create index if not exists attest_event_on_behalf_of on attest_event (on_behalf_of_id, occurred_at, id)",
                "create unique index if not exists attest_event_key on attest_event (event_key)"),
                EventIndexes.createStatements(false));
    }
}
