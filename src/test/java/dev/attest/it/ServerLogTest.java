package dev.attest.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ServerLogTest {

    @TempDir
    Path logs;

    @Test
    void readsWhatWasWrittenSinceTheMark() throws IOException {
        Path log = Files.writeString(logs.resolve("server.log"), "earlier run: bean X has no @AuditActor\n");
        ServerLog mark = ServerLog.mark(log);
        Files.writeString(log, "deployed\n", StandardOpenOption.APPEND);

        assertEquals("deployed\n", mark.sinceMark());
        assertFalse(mark.contains("no @AuditActor"), "an earlier run cannot answer for this one");
    }

    @Test
    void aLogRotatedAfterTheMarkIsReadOnInTheRotatedFileThenInTheNewLog() throws IOException {
        Path log = Files.writeString(logs.resolve("server.log"), "x".repeat(5_000) + "\n");
        Files.writeString(logs.resolve("server.log_2026-01-01T00-00-00"), "an older rotation\n");
        ServerLog mark = ServerLog.mark(log);
        Files.writeString(log, "before the rotation\n", StandardOpenOption.APPEND);
        // the server renames the full log and starts a new, shorter one
        Files.move(log, logs.resolve("server.log_2026-12-02T09-52-37"));
        Files.writeString(log, "after the rotation: bean X has no @AuditActor\n");

        assertEquals("before the rotation\nafter the rotation: bean X has no @AuditActor\n", mark.sinceMark());
        assertTrue(mark.contains("no @AuditActor"));
    }

    @Test
    void aNewLogThatHasGrownPastTheMarkIsStillReadFromItsStart() throws IOException {
        Path log = Files.writeString(logs.resolve("server.log"), "x".repeat(100) + "\n");
        ServerLog mark = ServerLog.mark(log);
        Files.move(log, logs.resolve("server.log.2026-12-01"));
        Files.writeString(log, "y".repeat(200) + "\nbean X has no @AuditActor\n");

        assertTrue(mark.contains("no @AuditActor"), mark.sinceMark());
        assertTrue(mark.sinceMark().startsWith("y".repeat(200)), "the new log from its start");
    }
}
