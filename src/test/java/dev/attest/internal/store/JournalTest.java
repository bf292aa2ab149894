package dev.attest.internal.store;

import dev.attest.Category;
import dev.attest.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JournalTest {

    @TempDir
    Path dir;

    private static EventRow row(String action) {
        return new EventRow(Instant.parse("2026-11-30T12:00:00.123456Z"), Category.ACTION, action, Outcome.SUCCESS, "USER",
                "alice", null, null, "Invoice", "42", "because\nof", null, null, "POST", "/x", "r-1", "c-1", 12L,
                "{\"password\":\"***REDACTED***\"}", null, null, 41L);
    }

    @Test
    void entriesSurviveAReopenInTheirOrderWithEveryField() {
        Path file = dir.resolve("app.journal");
        Journal journal = new Journal(file, 1 << 20);
        journal.append(row("a.one"), true);
        journal.append(row("a.two"), false);
        journal.close();

        List<Journal.Entry> pending = new Journal(file, 1 << 20).pending();
        assertEquals(2, pending.size());
        assertEquals(row("a.one"), pending.get(0).row());
        assertTrue(pending.get(0).delayed());
        assertEquals("a.two", pending.get(1).row().action());
        assertFalse(pending.get(1).delayed());
    }

    @Test
    void writtenEntriesAreNotReplayedAndAnEmptyJournalIsAnEmptyFile() throws Exception {
        Path file = dir.resolve("app.journal");
        Journal journal = new Journal(file, 1 << 20);
        Journal.Entry one = journal.append(row("a.one"), true);
        Journal.Entry two = journal.append(row("a.two"), true);
        journal.done(one.key());
        journal.close();

        Journal reopened = new Journal(file, 1 << 20);
        assertEquals(List.of(two.key()), reopened.pending().stream().map(Journal.Entry::key).toList());
        reopened.done(two.key());
        assertEquals(0, Files.size(file));
    }

    @Test
    void aLineCutByACrashIsDroppedAndTheJournalGoesOn() throws Exception {
        Path file = dir.resolve("app.journal");
        Journal journal = new Journal(file, 1 << 20);
        journal.append(row("a.one"), true);
        journal.close();
        Files.write(file, "{\"key\":\"cut-off\",\"row\":{\"occ".getBytes(StandardCharsets.UTF_8), StandardOpenOption.APPEND);

        Journal reopened = new Journal(file, 1 << 20);
        assertEquals(1, reopened.pending().size());
        reopened.append(row("a.three"), true);
        reopened.close();
        assertEquals(List.of("a.one", "a.three"),
                new Journal(file, 1 << 20).pending().stream().map(e -> e.row().action()).toList());
    }

    @Test
    void aFullJournalRefusesTheEventAfterDroppingWhatWasWritten() {
        Path file = dir.resolve("app.journal");
        Journal journal = new Journal(file, 2_000);
        Journal.Entry first = null;
        int appended = 0;
        while (true) {
            Journal.Entry entry = journal.append(row("a.fill"), true);
            if (entry == null) {
                break;
            }
            if (first == null) {
                first = entry;
            }
            appended++;
        }
        assertTrue(appended > 1, "some fit: " + appended);
        assertTrue(journal.size() <= 2_000);
        assertNull(journal.append(row("a.more"), true), "full");
        journal.done(first.key());
        assertNotNull(journal.append(row("a.more"), true), "a written entry makes room");
        assertEquals(appended, journal.pendingCount());
    }

    @Test
    void anInterruptedThreadNeitherFailsNorBreaksTheJournalForOthers() {
        // the transaction reaper interrupts the threads of the transactions it cancels
        Journal journal = new Journal(dir.resolve("app.journal"), 1 << 20);
        Thread.currentThread().interrupt();
        try {
            assertNotNull(journal.append(row("a.interrupted"), false));
        } finally {
            Thread.interrupted();
        }
        assertNotNull(journal.append(row("a.after"), false));
        assertEquals(2, journal.pendingCount());
    }

    @Test
    void theFileIsReadableByItsOwnerOnly() throws Exception {
        Path file = dir.resolve("app.journal");
        new Journal(file, 1 << 20).close();
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }
}
