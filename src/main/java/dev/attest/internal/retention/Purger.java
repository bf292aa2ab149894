package dev.attest.internal.retention;

import dev.attest.Hold;
import dev.attest.internal.integrity.Hashes;
import dev.attest.internal.integrity.Json;
import dev.attest.internal.integrity.LeafRanges;
import dev.attest.internal.integrity.Manifests;
import dev.attest.internal.seal.SealProofs;
import dev.attest.internal.integrity.Preimages;
import dev.attest.internal.integrity.SealedRows;
import dev.attest.internal.integrity.ProofBundles;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * One batch of the retention purge, in the caller's (short) transaction: the oldest events before the cut that no
 * hold covers (and, with sealing on, that are sealed under {@code snapshot}'s checkpoint) are written to an archive
 * file (fsynced), deleted by id, and a retention leaf naming their leaves and the archive's SHA-256 is appended to
 * the log. Each archive line is an event with its proof bundle, so {@code attest-verify export} checks the file alone.
 * The file is written under a temporary name ({@link #TEMPORARY} appended); the caller renames it when the
 * transaction commits and deletes it when it rolls back ({@link #settle}), so only a committed purge leaves an archive.
 */
final class Purger {

    /** Appended to an archive's name until its batch commits. */
    static final String TEMPORARY = ".partial";

    /**
     * What one batch did: {@code scanned} rows before the cut looked at, {@code deleted} of them purged (held rows
     * and, with sealing on, rows not yet sealed stay), {@code next} where the next batch of the run starts;
     * {@code archive} is the final name, written under {@link #temporary} until commit, null when nothing was purged.
     */
    record Batch(int deleted, int scanned, Cursor next, Path archive, String archiveSha256) {
    }

    /** The position in the time index's order ({@code occurred_at}, {@code id}) of the last row a batch looked at. */
    record Cursor(Timestamp occurredAt, long id) {
    }

    /** Receives the archive file a batch is about to write, before the first byte, so its fate follows the transaction. */
    interface Archives {
        void writing(Path archive);
    }

    /** Where {@code archive} is written until its batch commits. */
    static Path temporary(Path archive) {
        return archive.resolveSibling(archive.getFileName() + TEMPORARY);
    }

    /**
     * Moves a batch's archive to its final name when the batch committed, deletes it otherwise. Returns false when
     * the file system refused (the caller logs it: an archive left under its temporary name is not a valid one).
     */
    static boolean settle(Path archive, boolean committed) {
        try {
            if (committed) {
                Files.move(temporary(archive), archive, StandardCopyOption.ATOMIC_MOVE);
            } else {
                Files.deleteIfExists(temporary(archive));
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private Purger() {
    }

    static Batch batch(Connection c, Instant cut, Cursor after, List<Hold> holds, SealProofs.Snapshot snapshot,
                       Path archiveDir, int size, Archives archives) throws SQLException, IOException {
        boolean sealed = snapshot != null;
        if (sealed && !ControlLeaves.lock(c)) {
            return new Batch(0, 0, after, null, null);
        }
        HoldPredicates.Sql notHeld = HoldPredicates.notHeld(holds);
        // the time index's order from where the last batch stopped: each batch reads one index range, never the
        // rows (or the dead index entries of rows) an earlier batch of the run has passed
        String sql = "select id, occurred_at from attest_event where occurred_at < ?"
                + (after != null ? " and occurred_at >= ? and (occurred_at > ? or id > ?)" : "")
                + notHeld.text() + " order by occurred_at, id fetch first " + size + " rows only";
        List<Long> candidates = new ArrayList<>();
        Cursor next = after;
        try (PreparedStatement s = c.prepareStatement(sql)) {
            int p = 1;
            s.setTimestamp(p++, Timestamp.from(cut));
            if (after != null) {
                s.setTimestamp(p++, after.occurredAt());
                s.setTimestamp(p++, after.occurredAt());
                s.setLong(p++, after.id());
            }
            for (Object param : notHeld.params()) {
                s.setObject(p++, param);
            }
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    candidates.add(rs.getLong(1));
                    next = new Cursor(rs.getTimestamp(2), rs.getLong(1));
                }
            }
        }
        if (candidates.isEmpty()) {
            return new Batch(0, 0, next, null, null);
        }
        Map<Long, Object[]> leaves = new TreeMap<>();
        List<Long> ids = candidates;
        if (sealed) {
            // with sealing on, only rows sealed under the snapshot's checkpoint go: a later one waits for the next run
            leaves = sealLeaves(c, Preimages.EVENT_TABLE, Preimages.EVENT, candidates, snapshot.checkpoint().size());
            ids = new ArrayList<>(leaves.keySet());
            if (ids.isEmpty()) {
                return new Batch(0, candidates.size(), next, null, null);
            }
        }
        String in = join(ids);
        Map<Long, Map<String, String>> rows = SealedRows.rows(c, Preimages.EVENT_TABLE, "id in (" + in + ")");
        NavigableMap<Long, Manifests.Manifest> manifests = sealed ? Manifests.byLeafIndex(c) : null;
        Map<Long, String> erased = Erasure.erasedRows(c, Preimages.EVENT_TABLE, in);
        ids.sort(null);
        Path archive = archiveDir.resolve("attest-events-" + ids.get(0) + "-" + ids.get(ids.size() - 1) + "-"
                + Instant.now().toEpochMilli() + ".jsonl");
        MessageDigest sha = Hashes.sha256();
        archives.writing(archive);
        try (OutputStream out = Files.newOutputStream(temporary(archive), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                StandardOpenOption.SYNC)) {
            StringBuilder text = new StringBuilder();
            for (Map.Entry<Long, Map<String, String>> row : rows.entrySet()) {
                Map<String, Object> line = new LinkedHashMap<>();
                line.put("id", row.getKey().toString());
                Object[] leaf = leaves.get(row.getKey());
                if (leaf != null) {
                    Map.Entry<Long, Manifests.Manifest> manifest = manifests.lowerEntry((Long) leaf[0]);
                    line.put("seal", ProofBundles.bundle(row.getKey(), Manifests.sealed(manifest == null ? null
                                    : manifest.getValue(), Preimages.EVENT_TABLE, row.getValue()), (String) leaf[1], (Long) leaf[0],
                            snapshot.tree(), snapshot.checkpoint(), erased.get(row.getKey())));
                } else {
                    line.put("columns", new TreeMap<>(row.getValue()));
                }
                text.append(Json.canonical(line)).append('\n');
            }
            byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
            sha.update(bytes);
            out.write(bytes);
        }
        String archiveSha = Hashes.hex(sha.digest());
        try (PreparedStatement s = c.prepareStatement("delete from attest_event where id in (" + in + ")")) {
            s.executeUpdate();
        }
        if (sealed) {
            Map<String, String> columns = new TreeMap<>();
            columns.put("table", Preimages.EVENT_TABLE);
            columns.put("count", Integer.toString(rows.size()));
            columns.put("leaves", LeafRanges.format(leaves.values().stream().map(l -> (Long) l[0]).sorted().toList()));
            columns.put("cut", cut.toString());
            columns.put("archive", archive.getFileName().toString());
            columns.put("archive_sha256", archiveSha);
            long id = ControlLeaves.nextId(c, Preimages.RETENTION_TABLE);
            ControlLeaves.append(c, Preimages.RETENTION, Preimages.RETENTION_TABLE, id, Preimages.retention(id, columns), columns);
        }
        return new Batch(rows.size(), candidates.size(), next, archive, archiveSha);
    }

    /**
     * The seal leaves ({@code leaf_index}, {@code salt}) of rows {@code ids} of {@code table}, by id, those below
     * leaf {@code below} only when it is not null. Read as one {@code ref_id} range and filtered here: for an
     * {@code in} list, H2 uses only the {@code ref_table} part of the {@code (ref_table, ref_id)} index, so each
     * batch would read every leaf of the table.
     */
    static Map<Long, Object[]> sealLeaves(Connection c, String table, String kind, List<Long> ids, Long below)
            throws SQLException {
        Set<Long> wanted = new HashSet<>(ids);
        Map<Long, Object[]> leaves = new TreeMap<>();
        try (PreparedStatement s = c.prepareStatement("select ref_id, leaf_index, salt from attest_seal_leaf "
                + "where ref_table = ? and ref_id between ? and ? and kind = ?" + (below != null ? " and leaf_index < ?" : ""))) {
            s.setString(1, table);
            s.setLong(2, Collections.min(ids));
            s.setLong(3, Collections.max(ids));
            s.setString(4, kind);
            if (below != null) {
                s.setLong(5, below);
            }
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    if (wanted.contains(rs.getLong(1))) {
                        leaves.put(rs.getLong(1), new Object[] {rs.getLong(2), rs.getString(3)});
                    }
                }
            }
        }
        return leaves;
    }

    private static String join(List<Long> ids) {
        return ids.stream().map(String::valueOf).collect(Collectors.joining(", "));
    }
}
