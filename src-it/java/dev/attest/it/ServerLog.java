package dev.attest.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The server log of the server the suite runs in, read from a mark so earlier runs cannot answer for this one. A
 * log rotated since the mark (Payara renames {@code server.log} at 2 MB, WildFly at midnight) is read on from the
 * mark in the rotated file, then the new log from its start.
 */
final class ServerLog {

    private final Path log;
    private final long start;

    private ServerLog(Path log, long start) {
        this.log = log;
        this.start = start;
    }

    /** Marks the current end of the server's log. */
    static ServerLog mark() {
        return mark(Server.log());
    }

    /** Marks the current end of {@code log}. */
    static ServerLog mark(Path log) {
        return new ServerLog(log, text(log).length());
    }

    /** Whether the log written since the mark contains {@code fragment}. */
    boolean contains(String fragment) {
        return sinceMark().contains(fragment);
    }

    /** What the log received since the mark. */
    String sinceMark() {
        String current = text(log);
        if (current.length() >= start) {
            return current.substring((int) start);
        }
        String rotated = rotated().map(ServerLog::text).orElse("");
        return (rotated.length() >= start ? rotated.substring((int) start) : "") + current;
    }

    /** The newest file beside the log whose name starts with the log's: the log as it was renamed. */
    private Optional<Path> rotated() {
        String name = log.getFileName().toString();
        try (Stream<Path> files = Files.list(log.getParent())) {
            return files.filter(file -> file.getFileName().toString().startsWith(name) && !file.equals(log))
                    .max(Comparator.comparingLong(ServerLog::modified));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long modified(Path file) {
        try {
            return Files.getLastModifiedTime(file).toMillis();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String text(Path log) {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
