package dev.attest.internal.retention;

import dev.attest.HoldScope;
import dev.attest.internal.config.MapConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.time.Period;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RetentionSettingsTest {

    @TempDir
    Path dir;

    private static String rejection(Map<String, String> values) {
        return assertThrows(IllegalArgumentException.class, () -> RetentionSettings.load(new MapConfig(values))).getMessage();
    }

    @Test
    void byDefaultNothingIsPurgedAndTheFloorIsOneYear() {
        RetentionSettings settings = RetentionSettings.load(MapConfig.empty());
        assertNull(settings.events());
        assertFalse(settings.purgesEvents());
        assertEquals(Period.ofYears(1), settings.minimum());
        assertEquals("audit-hold", settings.holdRole());
        assertEquals("audit-erasure", settings.erasureRole());
    }

    @Test
    void aPeriodBelowTheFloorFailsNamingBothKeys() {
        String message = rejection(Map.of(RetentionSettings.EVENTS, "P90D", RetentionSettings.ARCHIVE_DIR, dir.toString()));
        assertEquals("attest.retention.events is P90D, below the floor attest.retention.minimum = P1Y: audit events "
                + "must be kept at least that long", message);
    }

    @Test
    void twelveMonthsMeetAOneYearFloorAndALowerFloorAllowsLess() {
        assertTrue(RetentionSettings.load(new MapConfig(Map.of(RetentionSettings.EVENTS, "P12M",
                RetentionSettings.ARCHIVE_DIR, dir.toString()))).purgesEvents());
        assertEquals(Period.ofDays(1), RetentionSettings.load(new MapConfig(Map.of(RetentionSettings.EVENTS, "P1D",
                RetentionSettings.MINIMUM, "P1D", RetentionSettings.ARCHIVE_DIR, dir.toString()))).events());
    }

    @Test
    void badValuesNameTheKeyAndTheValue() {
        assertEquals("attest.retention.events must be an ISO-8601 period such as P1Y or P90D, not 'one year'",
                rejection(Map.of(RetentionSettings.EVENTS, "one year")));
        assertEquals("attest.retention.minimum must be an ISO-8601 period such as P1Y or P90D, not '1y'",
                rejection(Map.of(RetentionSettings.MINIMUM, "1y")));
        assertEquals("attest.retention.batch-size must be between 1 and 10000, not 0",
                rejection(Map.of(RetentionSettings.BATCH_SIZE, "0")));
        assertEquals("attest.erasure.approval must be true or false, not 'maybe'",
                rejection(Map.of(RetentionSettings.ERASURE_APPROVAL, "maybe")));
    }

    @Test
    void purgingNeedsAWritableArchiveDirectory() {
        assertEquals("attest.retention.archive-dir is required when attest.retention.events is set: each purged batch "
                + "is archived there before it is deleted", rejection(Map.of(RetentionSettings.EVENTS, "P2Y")));
        assertEquals("attest.retention.archive-dir must be a writable directory, not '" + dir.resolve("none") + "'",
                rejection(Map.of(RetentionSettings.EVENTS, "P2Y", RetentionSettings.ARCHIVE_DIR, dir.resolve("none").toString())));
    }

    @Test
    void revisionRetentionNeedsTheArchiveDirectoryAndRespectsTheFloor() {
        assertEquals("attest.retention.archive-dir is required when attest.retention.revisions is set: each purged "
                + "batch is archived there before it is deleted", rejection(Map.of(RetentionSettings.REVISIONS, "P2Y")));
        assertEquals("attest.retention.revisions is P6M, below the floor attest.retention.minimum = P1Y: revisions must "
                + "be kept at least that long", rejection(Map.of(RetentionSettings.REVISIONS, "P6M")));
        RetentionSettings revisions = RetentionSettings.load(new MapConfig(Map.of(RetentionSettings.REVISIONS, "P2Y",
                RetentionSettings.ARCHIVE_DIR, dir.toString())));
        assertEquals(Period.ofYears(2), revisions.revisions());
        assertTrue(revisions.purgesRevisions());
        assertFalse(revisions.purgesEvents());
    }

    @Test
    void holdsOverlapWhenEveryCriterionBothNameAgrees() {
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        Instant t1 = Instant.parse("2026-02-01T00:00:00Z");
        Instant t2 = Instant.parse("2026-03-01T00:00:00Z");
        assertTrue(LegalHoldService.overlaps(HoldScope.actor("bob"), HoldScope.actor("bob")));
        assertTrue(LegalHoldService.overlaps(HoldScope.actor("bob"), HoldScope.actor("bob").during(t0, t1)));
        assertFalse(LegalHoldService.overlaps(HoldScope.actor("bob").during(t0, t1), HoldScope.actor("bob").during(t1, t2)));
        assertTrue(LegalHoldService.overlaps(HoldScope.actor("bob").during(t0, t2), HoldScope.actor("bob").during(t1, null)));
        assertFalse(LegalHoldService.overlaps(HoldScope.actor("bob"), HoldScope.actor("carol")));
        // a criterion only one names does not separate them: bob's invoices are in both
        assertTrue(LegalHoldService.overlaps(HoldScope.actor("bob"), HoldScope.target("Invoice", "1")));
        assertTrue(LegalHoldService.overlaps(HoldScope.target("Invoice", null), HoldScope.target("Invoice", "1")));
        assertFalse(LegalHoldService.overlaps(HoldScope.target("Invoice", "1"), HoldScope.target("Invoice", "2")));
        assertFalse(LegalHoldService.overlaps(HoldScope.target("Invoice", null), HoldScope.target("Order", null)));
        assertTrue(LegalHoldService.overlaps(HoldScope.correlation("c1"), HoldScope.between(t0, t1)));
        assertFalse(LegalHoldService.overlaps(HoldScope.correlation("c1"), HoldScope.correlation("c2")));
        assertTrue(LegalHoldService.overlaps(HoldScope.events(1L, 2L), HoldScope.events(2L, 3L)));
        assertFalse(LegalHoldService.overlaps(HoldScope.events(1L), HoldScope.events(2L)));
        assertTrue(LegalHoldService.overlaps(HoldScope.events(1L), HoldScope.actor("bob")));
    }
}
