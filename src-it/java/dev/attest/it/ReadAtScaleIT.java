package dev.attest.it;

import dev.attest.AuditContext;
import dev.attest.AuditTrail;
import dev.attest.Actor;
import dev.attest.EntityChange;
import dev.attest.EntityRevision;
import dev.attest.EventQuery;
import dev.attest.internal.jsonapi.ApiQueries;
import dev.attest.it.app.BulkInvoices;
import dev.attest.it.app.Invoice;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceUnit;
import org.hibernate.SessionFactory;
import org.hibernate.stat.Statistics;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The read side costs a fixed number of queries, whatever the size of what it reads: the changes of an
 * action touching many entities, a long entity history read page by page, a year's summary per day.
 * Queries are counted with Hibernate's statistics (JDBC statements prepared).
 */
@ExtendWith(ArquillianExtension.class)
class ReadAtScaleIT {

    @Deployment
    static WebArchive deployment() {
        return Deployments.war("read-at-scale");
    }

    @Inject
    BulkInvoices bulk;

    @Inject
    AuditTrail trail;

    @Inject
    ApiQueries api;

    @Inject
    Probe probe;

    @PersistenceUnit
    EntityManagerFactory factory;

    private <T> T counted(long[] statements, Supplier<T> work) {
        Statistics statistics = factory.unwrap(SessionFactory.class).getStatistics();
        statistics.setStatisticsEnabled(true);
        statistics.clear();
        try {
            return work.get();
        } finally {
            statements[0] = statistics.getPrepareStatementCount();
            statistics.setStatisticsEnabled(false);
        }
    }

    @Test
    void changesOfAnActionTouchingManyEntitiesCostOneQueryPerEntityType() {
        List<Long> ids = AuditContext.runAs(Actor.user("bulk-bea"), () -> bulk.createMany("BULK", 40));
        AuditContext.runAs(Actor.user("bulk-bea"), () -> bulk.approveAll(ids));
        String correlation = trail.events(new EventQuery().action("invoice.bulk-approve").actor("bulk-bea"))
                .get(0).correlationId();

        long[] statements = new long[1];
        List<EntityChange> changes = counted(statements, () -> trail.changesOf(correlation));

        assertEquals(40, changes.size());
        assertEquals(ids, changes.stream().map(c -> ((Number) c.id()).longValue()).toList(), "by revision, then id");
        for (EntityChange change : changes) {
            assertEquals("Invoice", change.entity());
            assertEquals(EntityRevision.Change.MODIFY, change.revision().change());
            assertEquals(List.of(new EntityRevision.FieldChange("status", "DRAFT", "APPROVED")), change.revision().changes(),
                    "the diff against the state before the action");
            assertEquals(Actor.user("bulk-bea"), change.revision().actor());
        }
        // two @Audited entity types in the test application: one query each, whatever the number of invoices
        assertTrue(statements[0] <= 2, statements[0] + " statements for 40 changed invoices");

        String created = trail.events(new EventQuery().action("invoice.bulk-create").actor("bulk-bea")).get(0).correlationId();
        List<EntityChange> additions = trail.changesOf(created);
        assertEquals(40, additions.size());
        assertTrue(additions.stream().allMatch(c -> c.revision().change() == EntityRevision.Change.ADD
                && c.revision().changes().contains(new EntityRevision.FieldChange("status", null, "DRAFT"))));
    }

    @Test
    void aLongHistoryIsReadPageByPageNewestFirstWithOneQueryPerPage() {
        long id = bulk.createMany("LONG", 1).get(0);
        for (int i = 1; i <= 24; i++) {
            bulk.reprice(id, new BigDecimal(i + ".00"));
        }

        long[] statements = new long[1];
        List<EntityRevision> first = counted(statements, () -> trail.history(Invoice.class, id, null, 10));
        assertTrue(statements[0] <= 1, statements[0] + " statements for a page of 10");
        List<EntityRevision> second = trail.history(Invoice.class, id, first.get(9).revision(), 10);
        List<EntityRevision> third = trail.history(Invoice.class, id, second.get(9).revision(), 10);

        assertEquals(10, first.size());
        assertEquals(10, second.size());
        assertEquals(5, third.size());
        List<EntityRevision> all = new ArrayList<>(first);
        all.addAll(second);
        all.addAll(third);
        for (int i = 1; i < all.size(); i++) {
            assertTrue(all.get(i).revision() < all.get(i - 1).revision(), "newest first, no overlap");
        }
        assertEquals(List.of(new EntityRevision.FieldChange("amount", new BigDecimal("23.00"), new BigDecimal("24.00"))),
                normalised(first.get(0).changes()));
        assertEquals(List.of(new EntityRevision.FieldChange("amount", new BigDecimal("14.00"), new BigDecimal("15.00"))),
                normalised(first.get(9).changes()), "the diff of a page's last revision reaches into the next page");
        assertEquals(List.of(new EntityRevision.FieldChange("amount", new BigDecimal("4.00"), new BigDecimal("5.00"))),
                normalised(second.get(9).changes()));
        assertEquals(List.of(new EntityRevision.FieldChange("amount", new BigDecimal("10.00"), new BigDecimal("1.00"))),
                normalised(third.get(3).changes()));
        assertEquals(EntityRevision.Change.ADD, third.get(4).change());

        List<EntityRevision> whole = trail.history(Invoice.class, id);
        assertEquals(25, whole.size());
        assertEquals(all.get(24).revision(), whole.get(0).revision(), "the whole history stays oldest first");
        assertThrows(IllegalArgumentException.class, () -> trail.history(Invoice.class, id, null, 0));
    }

    @Test
    void aYearOfEventsPerDayIsOneGroupedQuery() {
        Instant to = LocalDate.now(ZoneOffset.UTC).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant from = to.minusSeconds(366L * 86_400);
        AuditContext.runAs(Actor.user("year-yul"), () -> bulk.createMany("YEAR", 2));

        long[] statements = new long[1];
        List<Map<String, Object>> days = counted(statements, () -> api.perDay("year-yul", from, to));

        assertEquals(366, days.size());
        assertTrue(statements[0] <= 1, statements[0] + " statements for 366 days");
        Map<String, Object> today = days.get(days.size() - 1);
        assertEquals(LocalDate.now(ZoneOffset.UTC).toString(), today.get("day"));
        assertEquals(1L, today.get("total"), today.toString());
        assertEquals(0L, days.get(0).get("total"));
    }

    private static List<EntityRevision.FieldChange> normalised(List<EntityRevision.FieldChange> changes) {
        return changes.stream().map(c -> new EntityRevision.FieldChange(c.field(), scale(c.oldValue()), scale(c.newValue()))).toList();
    }

    private static Object scale(Object value) {
        return value instanceof BigDecimal number ? number.setScale(2) : value;
    }
}
