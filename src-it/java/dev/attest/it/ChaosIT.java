package dev.attest.it;

import dev.attest.it.chaos.ChaosServlet;
import dev.attest.it.chaos.Orders;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.wildfly.core.launcher.Launcher;
import org.wildfly.core.launcher.StandaloneCommandBuilder;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The server is killed with {@code kill -9} while audited requests run under load; after a restart, every
 * request that got its answer has its event, with the outcome it was answered with. A second WildFly of its
 * own (a copy of the suite's server configuration, H2 in file mode or the PostgreSQL database of the suite,
 * its own port offset) so the suite's server is never touched. Requests of three kinds: an action that commits
 * (200), an action whose caller rolls back after it returned (409: FAILURE through the journal), and an action
 * without transaction whose events the store refuses until after the restart (200: FAIL_OPEN, journal).
 */
class ChaosIT {

    private static final String APP = "chaos";
    private static final int CLIENTS = 6;

    private Process server;
    private Path base;

    @Test
    void killedUnderLoadLosesNoAcknowledgedEvent() throws Exception {
        int offset = Integer.parseInt(property("attest.it.chaos.port-offset"));
        String url = "http://127.0.0.1:" + (8080 + offset) + "/" + APP + "/chaos/";
        base = Path.of(property("attest.it.chaos.dir"));
        prepareServer();
        Path deployments = base.resolve("deployments");
        war("drop-and-create").as(ZipExporter.class).exportTo(deployments.resolve(APP + ".war").toFile(), true);

        server = start(offset);
        await(url + "events", Duration.ofSeconds(300));
        post(url + "refuse");

        Map<String, String> acknowledged = new ConcurrentHashMap<>();
        AtomicBoolean killed = new AtomicBoolean();
        AtomicInteger sent = new AtomicInteger();
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        List<Thread> clients = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            int clientNumber = c;
            Thread thread = new Thread(() -> {
                for (int i = 0; !killed.get(); i++) {
                    String kind = switch (i % 4) {
                        case 0, 1 -> "commit";
                        case 2 -> "rollback";
                        default -> "refused";
                    };
                    String requestId = "chaos-" + clientNumber + "-" + i;
                    HttpRequest request = HttpRequest.newBuilder(URI.create(url + kind + "?id=" + requestId))
                            .header("X-Request-ID", requestId).timeout(Duration.ofSeconds(20))
                            .POST(HttpRequest.BodyPublishers.noBody()).build();
                    sent.incrementAndGet();
                    try {
                        HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
                        int expected = kind.equals("rollback") ? 409 : 200;
                        if (response.statusCode() != expected) {
                            throw new AssertionError(kind + " answered " + response.statusCode());
                        }
                        acknowledged.put(requestId, "chaos." + kind + " " + (kind.equals("rollback") ? "FAILURE" : "SUCCESS"));
                    } catch (IOException e) {
                        return;
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            clients.add(thread);
            thread.start();
        }
        // under load until enough requests were answered (or 20 s went by), then SIGKILL in the middle of the next ones
        long loadEnd = System.nanoTime() + 20_000_000_000L;
        while (acknowledged.size() < 60 && System.nanoTime() < loadEnd) {
            Thread.sleep(100);
        }
        killed.set(true);
        long pid = server.pid();
        server.destroyForcibly();
        server.waitFor();
        for (Thread thread : clients) {
            thread.join(30_000);
        }
        int answered = acknowledged.size();

        long restart = System.nanoTime();
        war("none").as(ZipExporter.class).exportTo(deployments.resolve(APP + ".war").toFile(), true);
        server = start(offset);
        await(url + "events", Duration.ofSeconds(300));
        post(url + "accept");
        Map<String, List<String>> found = events(url);
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (missing(acknowledged, found) > 0 && System.nanoTime() < deadline) {
            Thread.sleep(250);
            found = events(url);
        }
        long recoveredMillis = (System.nanoTime() - restart) / 1_000_000;
        int lost = missing(acknowledged, found);
        int duplicated = (int) found.values().stream().filter(list -> list.size() > 1).count();
        long eventsFound = acknowledged.keySet().stream().filter(found::containsKey).count();
        System.out.printf("chaos (%s, pid %d killed with SIGKILL under load, %d clients): requests sent %d, "
                        + "acknowledged %d, events found %d, events lost %d, duplicated %d, time to recover %d ms%n",
                Deployments.databaseLabel(), pid, CLIENTS, sent.get(), answered, eventsFound, lost, duplicated,
                recoveredMillis);

        assertTrue(answered >= 10, "the load ran: " + answered + " acknowledged requests");
        Map<String, List<String>> last = found;
        assertEquals(0, lost, "every acknowledged request has its event, with the outcome it was answered with; first"
                + " differences (request: expected, found): " + acknowledged.entrySet().stream()
                .filter(a -> last.get(a.getKey()) == null || !last.get(a.getKey()).contains(a.getValue())).limit(5)
                .map(a -> a.getKey() + ": " + a.getValue() + ", " + last.get(a.getKey())).toList());
        assertEquals(0, duplicated, "no event is written twice");
    }

    private static int missing(Map<String, String> acknowledged, Map<String, List<String>> found) {
        int missing = 0;
        for (Map.Entry<String, String> request : acknowledged.entrySet()) {
            List<String> events = found.get(request.getKey());
            if (events == null || !events.contains(request.getValue())) {
                missing++;
            }
        }
        return missing;
    }

    private static Map<String, List<String>> events(String url) throws Exception {
        Map<String, List<String>> events = new HashMap<>();
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url + "events"))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        for (String line : response.body().split("\n")) {
            String[] parts = line.trim().split(" ", 2);
            if (parts.length == 2) {
                events.computeIfAbsent(parts[0], k -> new ArrayList<>()).add(parts[1]);
            }
        }
        return events;
    }

    private static void post(String url) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), url + ": " + response.body());
    }

    private static void await(String url, Duration limit) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        while (System.nanoTime() < deadline) {
            try {
                if (client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // the server is still starting
            }
            Thread.sleep(500);
        }
        throw new AssertionError("the chaos server did not answer " + url + " within " + limit);
    }

    /** A server base directory of its own: the suite's configuration, H2 in a file written at every commit. */
    private void prepareServer() throws IOException {
        if (Files.exists(base)) {
            try (Stream<Path> files = Files.walk(base)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
        Path home = Path.of(property("attest.it.wildfly.home"));
        Path configuration = base.resolve("configuration");
        Files.createDirectories(configuration);
        Files.createDirectories(base.resolve("deployments"));
        try (Stream<Path> files = Files.list(home.resolve("standalone/configuration"))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.copy(file, configuration.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Path config = configuration.resolve(property("attest.it.wildfly.config"));
        String xml = Files.readString(config);
        String h2 = "jdbc:h2:file:" + base.resolve("data/chaos-h2").toAbsolutePath() + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE";
        xml = xml.replaceFirst("<connection-url>jdbc:h2:mem:test;[^<]*</connection-url>", "<connection-url>" + h2 + "</connection-url>");
        Files.writeString(config, xml);
    }

    private Process start(int offset) throws IOException {
        StandaloneCommandBuilder command = StandaloneCommandBuilder.of(property("attest.it.wildfly.home"))
                .setBaseDirectory(base)
                .setServerConfiguration(property("attest.it.wildfly.config"))
                .addJavaOptions("-Xms128m", "-Xmx512m", "-Djava.net.preferIPv4Stack=true",
                        "-Djboss.socket.binding.port-offset=" + offset);
        return Launcher.of(command).setRedirectErrorStream(true).redirectOutput(base.resolve("console.log")).launch();
    }

    /** The chaos application; {@code schema} is {@code drop-and-create} for the first start, {@code none} after the kill. */
    private static WebArchive war(String schema) {
        WebArchive war = Deployments.war(APP, "attest.failure-policy=FAIL_OPEN\nattest.journal.retry-interval=PT0.5S",
                ChaosServlet.class, Orders.class);
        war.delete("/WEB-INF/classes/META-INF/persistence.xml");
        war.addAsResource(new StringAsset(Deployments.persistenceXml(schema)), "META-INF/persistence.xml");
        return war;
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (server != null && server.isAlive()) {
            server.destroy();
            if (!server.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                server.destroyForcibly();
                server.waitFor();
            }
        }
    }

    private static String property(String key) {
        return java.util.Objects.requireNonNull(System.getProperty(key), "system property " + key + " (set by the build)");
    }
}
