package dev.attest.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The server log of the server the suite runs in, read from a mark so earlier runs cannot answer for this one. A
 * log rotated since the mark (Payara renames {@code server.log} at 2 MB, WildFly at midnight) is told by its file
 * identity, not its length: the file that was marked is read on from the mark under its new name, then the new log.
 */
final class ServerLog {

    private final Path log;
    private final Object file;
    private final long start;

    private ServerLog(Path log, Object file, long start) {
        this.log = log;
        this.file = file;
        this.start = start;
    }

    /** Marks the current end of the server's log. */
    static ServerLog mark() {
        return mark(Server.log());
    }

    /** Marks the current end of {@code log}. */
    static ServerLog mark(Path log) {
        return new ServerLog(log, identity(log), text(log).length());
    }

    /** Whether the log written since the mark contains {@code fragment}. */
    boolean contains(String fragment) {
        return sinceMark().contains(fragment);
    }

    /** What the log received since the mark. */
    String sinceMark() {
        if (file == null || Objects.equals(file, identity(log))) {
            return after(text(log));
        }
        return renamed().map(marked -> after(text(marked))).orElse("") + text(log);
    }

    private String after(String text) {
        return text.length() >= start ? text.substring((int) start) : text;
    }

    /** The marked file under the name the server gave it when it started a new log. */
    private Optional<Path> renamed() {
        try (Stream<Path> files = Files.list(log.getParent())) {
            return files.filter(candidate -> file.equals(identity(candidate))).findFirst();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The file system's identity of the file at {@code path} (device and inode), or {@code null}. */
    private static Object identity(Path path) {
        try {
            return Files.exists(path) ? Files.readAttributes(path, BasicFileAttributes.class).fileKey() : null;
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
