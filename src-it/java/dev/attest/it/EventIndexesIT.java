package dev.attest.it;

import jakarta.inject.Inject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The event table's indexes on columns most rows leave empty, as the schema generation creates them: the journal's
 * event key stays unique, and on PostgreSQL both indexes hold only the rows that have a value.
 */
@ExtendWith(ArquillianExtension.class)
class EventIndexesIT {

    @Deployment
    static WebArchive deployment() {
        return Deployments.war("event-indexes");
    }

    @Inject
    Probe probe;

    @Test
    void anEventKeyIsStoredOnceAndRowsWithoutKeyAreNotLimited() {
        probe.execute(insert(1, "'k-1'"));
        probe.execute(insert(2, "null"));
        probe.execute(insert(3, "null"));
        assertThrows(RuntimeException.class, () -> probe.execute(insert(4, "'k-1'")), "a second row with the same key");
        assertEquals(3, probe.count("AttestEvent", "x.action = ?1", "indexes.probe"));
    }

    @Test
    void onPostgresqlTheIndexesOfMostlyEmptyColumnsArePartial() {
        if (!"PostgreSQL".equals(probe.databaseName())) {
            assertEquals(2L, count(probe.rows("select count(*) from information_schema.indexes where index_name in"
                    + " ('ATTEST_EVENT_ON_BEHALF_OF', 'ATTEST_EVENT_KEY')")), "both indexes exist");
            return;
        }
        List<?> definitions = probe.rows("select indexdef from pg_indexes where schemaname = current_schema()"
                + " and tablename = 'attest_event' and indexname in ('attest_event_on_behalf_of', 'attest_event_key') order by indexname");
        assertEquals(2, definitions.size(), definitions.toString());
        assertTrue(definitions.get(0).toString().startsWith("CREATE UNIQUE INDEX attest_event_key ")
                && definitions.get(0).toString().endsWith("WHERE (event_key IS NOT NULL)"), definitions.toString());
        assertTrue(definitions.get(1).toString().endsWith("WHERE (on_behalf_of_id IS NOT NULL)"), definitions.toString());
    }

    private static String insert(long id, String key) {
        return "insert into attest_event (id, occurred_at, category, action, outcome, actor_type, actor_id, event_key)"
                + " values (" + (-id) + ", current_timestamp, 'SYSTEM', 'indexes.probe', 'SUCCESS', 'SYSTEM', 'probe', " + key + ")";
    }

    private static long count(List<?> rows) {
        Object value = rows.get(0);
        return ((Number) (value instanceof Object[] cells ? cells[0] : value)).longValue();
    }
}
