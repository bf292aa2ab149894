package dev.attest.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The server log of the WildFly the suite runs in. */
final class ServerLog {

    private ServerLog() {
    }

    static String text() {
        String serverSide = System.getProperty("jboss.server.log.dir");
        Path log = serverSide != null ? Path.of(serverSide, "server.log") : Path.of(System.getProperty("attest.it.server.log"));
        try {
            return Files.readString(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static boolean contains(String fragment) {
        return text().contains(fragment);
    }
}
