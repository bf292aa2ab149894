package dev.attest.it.seal;

import dev.attest.internal.integrity.Checkpoint;
import dev.attest.internal.integrity.SealedRows;
import dev.attest.internal.integrity.TrustedKeys;
import dev.attest.internal.seal.SealRounds;
import dev.attest.internal.seal.SealService;
import dev.attest.internal.seal.SealSettings;
import dev.attest.internal.seal.Sealer;
import dev.attest.verify.DbVerifier;
import dev.attest.verify.Report;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Drives sealers and the verifier against the deployment's database, each step in a transaction of its own. */
@ApplicationScoped
public class SealHarness {

    @Inject
    SealService service;

    @Inject
    SealRounds rounds;

    /** Empties the trail and the log, and returns a sealer writing to a fresh checkpoint file. */
    public Sealer fresh(String name) {
        rounds.work(c -> {
            List<String> statements = new ArrayList<>();
            for (String aud : SealedRows.audTables(c)) {
                statements.add("delete from " + aud);
            }
            statements.addAll(List.of("delete from attest_seal_state",
                    // the next log starts above the ids used so far, as a log started on a fresh database does
                    "insert into attest_seal_state (id, tree_size, frontier, event_high, revision_high, updated_at) "
                            + "values (1, 0, '', (select coalesce(max(id), 0) from attest_event), "
                            + "(select coalesce(max(id), 0) from attest_revision), current_timestamp)",
                    "delete from attest_revision", "delete from attest_event",
                    "delete from attest_seal_leaf", "delete from attest_seal_gap",
                    "delete from attest_seal_lease", "delete from attest_seal_checkpoint"));
            for (String sql : statements) {
                try (PreparedStatement s = c.prepareStatement(sql)) {
                    s.executeUpdate();
                }
            }
            return null;
        });
        return sealer(name, checkpointFile(name));
    }

    public Path checkpointFile(String name) {
        try {
            Path file = service.settings().checkpointFile().resolveSibling(name + "-checkpoints.log");
            Files.deleteIfExists(file);
            Files.createFile(file);
            return file;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A sealer of its own (another node) writing checkpoints to {@code file}. */
    public Sealer sealer(String node, Path file) {
        return new Sealer(service.settings().withCheckpointFile(file), node);
    }

    /** A sealer of its own (another node) with its own lease duration ({@code Duration.ZERO}: no lease). */
    public Sealer sealer(String node, Path file, java.time.Duration lease) {
        return new Sealer(service.settings().withCheckpointFile(file).withLease(lease), node);
    }

    /** The checkpoint file {@code sealer} writes. */
    public static Path checkpoints(Sealer sealer) {
        return sealer.settings().checkpointFile();
    }

    /** The project directory (the key stores are made under its target/). */
    public Path projectDirectory() {
        Path dir = keyDirectory();
        while (dir != null && !java.nio.file.Files.exists(dir.resolve("pom.xml"))) {
            dir = dir.getParent();
        }
        return dir;
    }

    /** Runs a command in {@code dir}; returns its exit status and output (stdout, then stderr). */
    public static Object[] run(Path dir, String... command) {
        try {
            Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(false).start();
            String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            String err = new String(p.getErrorStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            return new Object[] {p.waitFor(), out, err};
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A sealer signing with the keys {@code aliases} (each of its own key store in {@code dir}), as during a rotation. */
    public Sealer sealer(String node, Path file, Path dir, String... aliases) {
        List<SealSettings.SigningKey> keys = new ArrayList<>();
        for (String alias : aliases) {
            keys.add(SealSettings.signingKey(dir.resolve(alias + ".p12"), SealKeys.PASSWORD, alias));
        }
        return new Sealer(service.settings().withCheckpointFile(file).withKeys(keys), node);
    }

    public Sealer.Round seal(Sealer sealer) {
        return service.run(sealer);
    }

    /** The directory of the deployment's key store (made by {@link SealKeys#create}). */
    public Path keyDirectory() {
        return service.settings().keyStore().getParent();
    }

    /** The trusted-keys PEM of the deployment's key. */
    public Path trustedKeys() {
        Path store = service.settings().keyStore();
        return store.resolveSibling(store.getFileName().toString().replace(".p12", ".pem"));
    }

    /** Verifies the database as attest-verify db does, trusting the deployment's key. */
    public Report verify(Path checkpoints) {
        return verify(checkpoints, trustedKeys());
    }

    /** Verifies the database as attest-verify db does, trusting the keys of the PEM file {@code trusted}. */
    public Report verify(Path checkpoints, Path trusted) {
        try {
            TrustedKeys keys = TrustedKeys.load(trusted);
            Report fileFindings = new Report();
            List<Checkpoint> list = dev.attest.verify.Checkpoints.read(checkpoints, keys, fileFindings);
            Report report = rounds.work(c -> new DbVerifier(c, keys).verify(list));
            report.findings().addAll(fileFindings.findings());
            return report;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Findings as {@code kind table id} lines, sorted. */
    public static List<String> findings(Report report) {
        return report.findings().stream().map(f -> f.kind() + " " + f.table() + " " + f.id()).sorted()
                .collect(Collectors.toList());
    }

    public void sql(String sql, Object... params) {
        rounds.work(c -> {
            try (PreparedStatement s = c.prepareStatement(sql)) {
                for (int i = 0; i < params.length; i++) {
                    s.setObject(i + 1, params[i]);
                }
                return s.executeUpdate();
            }
        });
    }

    public long number(String sql, Object... params) {
        return rounds.work(c -> {
            try (PreparedStatement s = c.prepareStatement(sql)) {
                for (int i = 0; i < params.length; i++) {
                    s.setObject(i + 1, params[i]);
                }
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    public String string(String sql, Object... params) {
        return rounds.work(c -> {
            try (PreparedStatement s = c.prepareStatement(sql)) {
                for (int i = 0; i < params.length; i++) {
                    s.setObject(i + 1, params[i]);
                }
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    return rs.getString(1);
                }
            }
        });
    }

    public List<Long> ids(String sql, Object... params) {
        return rounds.work(c -> {
            List<Long> ids = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement(sql)) {
                for (int i = 0; i < params.length; i++) {
                    s.setObject(i + 1, params[i]);
                }
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getLong(1));
                    }
                }
            }
            return ids;
        });
    }
}
