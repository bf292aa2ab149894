package dev.attest.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The server log of the server the suite runs in, read from a mark so earlier runs cannot answer for this one. */
final class ServerLog {

    private final long start;

    private ServerLog(long start) {
        this.start = start;
    }

    /** Marks the current end of the log. */
    static ServerLog mark() {
        return new ServerLog(text().length());
    }

    /** Whether the log written since the mark contains {@code fragment}. */
    boolean contains(String fragment) {
        return text().substring((int) start).contains(fragment);
    }

    /** What the log received since the mark. */
    String sinceMark() {
        return text().substring((int) start);
    }

    private static String text() {
        Path log = Server.log();
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
