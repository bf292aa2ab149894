package dev.attest.verify;

import dev.attest.internal.integrity.Checkpoint;
import dev.attest.internal.integrity.Json;
import dev.attest.internal.integrity.Merkle;
import dev.attest.internal.integrity.ProofBundles;
import dev.attest.internal.integrity.TrustedKeys;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code attest-verify}: checks a database, an export or a single event's proof against trusted public keys and
 * prints a JSON report. Exit status 0 clean, 1 tampered, 2 warnings only, 3 when it could not verify.
 *
 * <pre>
 * db           --jdbc-url URL [--user U] [--password P] --trusted-keys FILE --checkpoints FILE
 * export       --file FILE --trusted-keys FILE      (an export, or a purge's archive of events or revisions)
 * proof        --jdbc-url URL [--user U] [--password P] [--checkpoints FILE] --event ID --out FILE [--withhold COLUMNS]
 * verify-proof --file FILE --trusted-keys FILE
 * </pre>
 */
public final class AttestVerify {

    private static final String USAGE = """
            usage: java -jar attest-verify.jar db --jdbc-url URL [--user U] [--password P] --trusted-keys FILE --checkpoints FILE
                   java -jar attest-verify.jar export --file FILE --trusted-keys FILE
                   java -jar attest-verify.jar proof --jdbc-url URL [--user U] [--password P] [--checkpoints FILE] --event ID --out FILE [--withhold actor_id,...]
                   java -jar attest-verify.jar verify-proof --file FILE --trusted-keys FILE""";

    private AttestVerify() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs a command and returns its exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0) {
            err.println(USAGE);
            return 3;
        }
        try {
            Map<String, String> options = options(args);
            Report report;
            switch (args[0]) {
                case "db" -> report = db(options);
                case "export" -> report = export(options);
                case "verify-proof" -> report = verifyProof(options);
                case "proof" -> {
                    return proof(options, out);
                }
                default -> throw new IllegalArgumentException("unknown command '" + args[0] + "'");
            }
            out.println(report.json());
            return report.exitCode();
        } catch (IllegalArgumentException e) {
            err.println("attest-verify: " + e.getMessage());
            err.println(USAGE);
            return 3;
        } catch (IOException | SQLException e) {
            err.println("attest-verify: cannot verify: " + e);
            return 3;
        }
    }

    private static final Set<String> OPTIONS = Set.of("--jdbc-url", "--user", "--password", "--trusted-keys",
            "--checkpoints", "--file", "--event", "--out", "--withhold");

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 1; i < args.length; i += 2) {
            if (!OPTIONS.contains(args[i]) || i + 1 >= args.length) {
                throw new IllegalArgumentException("unknown option or missing value: " + args[i]);
            }
            options.put(args[i], args[i + 1]);
        }
        return options;
    }

    private static String required(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null) {
            throw new IllegalArgumentException(name + " is required");
        }
        return value;
    }

    private static Connection connect(Map<String, String> options) throws SQLException {
        // the bundled drivers register themselves when loaded (their service files could not all be kept)
        for (String driver : List.of("org.h2.Driver", "org.postgresql.Driver")) {
            try {
                Class.forName(driver);
            } catch (ClassNotFoundException e) {
                // not bundled: a driver on the class path registers itself
            }
        }
        return DriverManager.getConnection(required(options, "--jdbc-url"), options.get("--user"), options.get("--password"));
    }

    static Report db(Map<String, String> options) throws IOException, SQLException {
        TrustedKeys keys = TrustedKeys.load(Path.of(required(options, "--trusted-keys")));
        Report checkpointFindings = new Report();
        List<Checkpoint> checkpoints = Checkpoints.read(Path.of(required(options, "--checkpoints")), keys, checkpointFindings);
        try (Connection c = connect(options)) {
            c.setReadOnly(true);
            c.setAutoCommit(false);
            Report report = new DbVerifier(c, keys).verify(checkpoints);
            checkpointFindings.findings().forEach(f -> report.findings().add(f));
            return report;
        }
    }

    @SuppressWarnings("unchecked")
    static Report export(Map<String, String> options) throws IOException {
        TrustedKeys keys = TrustedKeys.load(Path.of(required(options, "--trusted-keys")));
        Report report = new Report();
        long lines = 0;
        long revisions = 0;
        try (BufferedReader in = Files.newBufferedReader(Path.of(required(options, "--file")), StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                Map<String, Object> event = (Map<String, Object>) Json.parse(line);
                if (RevisionLines.isRevision(event)) {
                    revisions++;
                    RevisionLines.verify(event, keys, report);
                    continue;
                }
                lines++;
                Object seal = event.get("seal");
                if (!(seal instanceof Map)) {
                    report.warning("unsealed-event", "attest_event", event.get("id"), "the export line carries no seal");
                    continue;
                }
                Map<String, Object> bundle = (Map<String, Object>) seal;
                if (Proofs.verify(bundle, keys, report)) {
                    ExportLines.compare(event, bundle, report);
                }
            }
        }
        report.checked("events", lines);
        if (revisions > 0) {
            report.checked("revisions", revisions);
        }
        return report;
    }

    @SuppressWarnings("unchecked")
    static Report verifyProof(Map<String, String> options) throws IOException {
        TrustedKeys keys = TrustedKeys.load(Path.of(required(options, "--trusted-keys")));
        Map<String, Object> bundle = (Map<String, Object>) Json.parse(
                Files.readString(Path.of(required(options, "--file")), StandardCharsets.UTF_8));
        Report report = new Report();
        Proofs.verify(bundle, keys, report);
        report.checked("events", 1);
        return report;
    }

    static int proof(Map<String, String> options, PrintStream out) throws IOException, SQLException {
        long id = Long.parseLong(required(options, "--event"));
        Path target = Path.of(required(options, "--out"));
        try (Connection c = connect(options)) {
            c.setReadOnly(true);
            List<byte[]> leaves = ProofBundles.leafHashes(c);
            Checkpoint checkpoint = options.containsKey("--checkpoints")
                    ? newestFileCheckpoint(Path.of(options.get("--checkpoints")), leaves.size())
                    : ProofBundles.newestCopy(c, leaves.size());
            if (checkpoint == null) {
                throw new IllegalArgumentException("no checkpoint covers the log yet");
            }
            Set<String> withhold = new TreeSet<>();
            for (String column : options.getOrDefault("--withhold", "").split(",")) {
                if (!column.isBlank()) {
                    withhold.add(column.trim().toLowerCase(java.util.Locale.ROOT));
                }
            }
            Map<String, Object> bundle = ProofBundles.bundle(c, id, new Merkle.Tree(leaves), checkpoint, withhold);
            if (bundle == null) {
                throw new IllegalArgumentException("event " + id + " is not sealed under the newest checkpoint");
            }
            Files.writeString(target, Json.canonical(bundle) + "\n", StandardCharsets.UTF_8);
            out.println("{\"event\":\"" + id + "\",\"out\":" + Json.canonical(target.toString()) + "}");
            return 0;
        }
    }

    private static Checkpoint newestFileCheckpoint(Path file, long maxSize) throws IOException {
        Checkpoint newest = null;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                Checkpoint cp = Checkpoint.parse(line.trim());
                if (cp.size() <= maxSize && (newest == null || cp.size() >= newest.size())) {
                    newest = cp;
                }
            }
        }
        return newest;
    }
}
