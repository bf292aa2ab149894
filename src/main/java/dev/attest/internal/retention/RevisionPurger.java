package dev.attest.internal.retention;

import dev.attest.Hold;
import dev.attest.HoldScope;
import dev.attest.internal.integrity.Hashes;
import dev.attest.internal.integrity.Json;
import dev.attest.internal.integrity.LeafRanges;
import dev.attest.internal.integrity.Preimages;
import dev.attest.internal.integrity.SealedRows;
import dev.attest.internal.seal.SealProofs;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * One batch of the revision purge, in the caller's (short) transaction. Of the oldest revisions before the cut
 * (above the run's cursor; with sealing on, those sealed under {@code snapshot}'s checkpoint) it keeps the ones a
 * hold covers and the ones holding an entity's current state (the newest {@code _AUD} row of an entity that was
 * not deleted), and archives the others with their {@code _AUD} rows (fsynced, under a temporary name until
 * commit), deletes their {@code _AUD} rows then the revisions, and appends a retention leaf naming their leaves and
 * the archive's SHA-256.
 */
final class RevisionPurger {

    /** An {@code _AUD} table (lower case), its key columns other than {@code rev}, and whether it has {@code revend}. */
    record AudTable(String name, List<String> key, boolean revend) {
    }

    /** What one batch did: {@code last} is the highest revision id it looked at, the next batch's cursor. */
    record Batch(int deleted, Path archive, long last, boolean examined) {
    }

    private RevisionPurger() {
    }

    /** The {@code _AUD} tables of the connection's schema with their key columns (primary key without {@code rev}). */
    static List<AudTable> audTables(Connection c) throws SQLException {
        DatabaseMetaData meta = c.getMetaData();
        List<String> names = new ArrayList<>();
        try (ResultSet rs = meta.getTables(c.getCatalog(), c.getSchema(), "%", new String[] {"TABLE"})) {
            while (rs.next()) {
                names.add(rs.getString("TABLE_NAME"));
            }
        }
        List<String> sealed = SealedRows.audTables(c);
        List<AudTable> tables = new ArrayList<>();
        for (String name : names) {
            String lower = name.toLowerCase(Locale.ROOT);
            if (!sealed.contains(lower)) {
                continue;
            }
            List<String> key = new ArrayList<>();
            try (ResultSet rs = meta.getPrimaryKeys(c.getCatalog(), c.getSchema(), name)) {
                while (rs.next()) {
                    String column = rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT);
                    if (!column.equals("rev")) {
                        key.add(column);
                    }
                }
            }
            boolean revend = false;
            try (ResultSet rs = meta.getColumns(c.getCatalog(), c.getSchema(), name, "%")) {
                while (rs.next()) {
                    revend |= rs.getString("COLUMN_NAME").equalsIgnoreCase("revend");
                }
            }
            key.sort(null);
            tables.add(new AudTable(lower, key, revend));
        }
        tables.sort((a, b) -> a.name().compareTo(b.name()));
        return tables;
    }

    static Batch batch(Connection c, Instant cut, long after, List<Hold> holds, Map<String, String[]> targets,
                       List<AudTable> audTables, SealProofs.Snapshot snapshot, Path archiveDir, int size,
                       Purger.Archives archives) throws SQLException, IOException {
        boolean sealed = snapshot != null;
        if (sealed && !ControlLeaves.lock(c)) {
            return new Batch(0, null, after, false);
        }
        List<Long> candidates = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("select id from attest_revision where id > ? and revision_time < ?"
                + (sealed ? " and exists (select 1 from attest_seal_leaf l where l.ref_table = 'attest_revision' "
                + "and l.ref_id = attest_revision.id and l.kind = 'revision' and l.leaf_index < ?)" : "")
                + " order by id fetch first " + size + " rows only")) {
            s.setLong(1, after);
            s.setLong(2, cut.toEpochMilli()); // Envers' revision time: epoch milliseconds
            if (sealed) {
                s.setLong(3, snapshot.checkpoint().size());
            }
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    candidates.add(rs.getLong(1));
                }
            }
        }
        if (candidates.isEmpty()) {
            return new Batch(0, null, after, false);
        }
        long last = candidates.get(candidates.size() - 1);
        String in = candidates.stream().map(String::valueOf).collect(Collectors.joining(", "));
        Map<Long, List<SealedRows.AudRow>> aud = SealedRows.audRows(c, audTables.stream().map(AudTable::name).toList(),
                candidates.get(0), last);
        Set<Long> keep = new HashSet<>(held(c, in, holds, targets, aud));
        keep.addAll(currentStates(c, audTables, candidates.get(0), last));
        List<Long> purge = new ArrayList<>(candidates);
        purge.removeAll(keep);
        purge.removeAll(supersedingKept(c, audTables, purge));
        if (purge.isEmpty()) {
            return new Batch(0, null, last, true);
        }
        String ids = purge.stream().map(String::valueOf).collect(Collectors.joining(", "));
        Map<Long, Map<String, String>> rows = SealedRows.rows(c, Preimages.REVISION_TABLE, "id in (" + ids + ")");
        Map<Long, Object[]> leaves = sealed
                ? Purger.sealLeaves(c, Preimages.REVISION_TABLE, Preimages.REVISION, purge, null) : new TreeMap<>();
        Map<Long, String> erased = Erasure.erasedRows(c, Preimages.REVISION_TABLE, ids);
        Path archive = archiveDir.resolve("attest-revisions-" + purge.get(0) + "-" + purge.get(purge.size() - 1) + "-"
                + Instant.now().toEpochMilli() + ".jsonl");
        archives.writing(archive);
        StringBuilder text = new StringBuilder();
        for (Map.Entry<Long, Map<String, String>> row : rows.entrySet()) {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("v", (long) Preimages.VERSION);
            line.put("table", Preimages.REVISION_TABLE);
            line.put("id", row.getKey().toString());
            line.put("columns", new TreeMap<>(row.getValue()));
            List<Object> audRows = new ArrayList<>();
            for (SealedRows.AudRow a : aud.getOrDefault(row.getKey(), List.of())) {
                audRows.add(new TreeMap<>(Map.of("table", a.table(), "columns", new TreeMap<>(a.columns()))));
            }
            audRows.sort((a, b) -> Json.canonical(a).compareTo(Json.canonical(b)));
            line.put("aud", audRows);
            Object[] leaf = leaves.get(row.getKey());
            if (leaf != null) {
                line.put("leaf_index", leaf[0]);
                line.put("salt", leaf[1]);
                if (erased.containsKey(row.getKey())) {
                    line.put("erased", Json.parse(erased.get(row.getKey())));
                }
                List<Object> path = new ArrayList<>();
                snapshot.tree().inclusionProof((int) (long) (Long) leaf[0], (int) snapshot.checkpoint().size())
                        .forEach(h -> path.add(Hashes.hex(h)));
                line.put("path", path);
                line.put("checkpoint", Json.parse(snapshot.checkpoint().json()));
            }
            text.append(Json.canonical(new TreeMap<>(line))).append('\n');
        }
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        try (OutputStream out = Files.newOutputStream(Purger.temporary(archive), StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE, StandardOpenOption.SYNC)) {
            out.write(bytes);
        }
        String archiveSha = Hashes.hex(Hashes.sha256(bytes));
        for (AudTable table : audTables) {
            try (PreparedStatement s = c.prepareStatement("delete from " + table.name() + " where rev in (" + ids + ")")) {
                s.executeUpdate();
            }
        }
        try (PreparedStatement s = c.prepareStatement("delete from attest_revision where id in (" + ids + ")")) {
            s.executeUpdate();
        }
        if (sealed) {
            Map<String, String> columns = new TreeMap<>();
            columns.put("table", Preimages.REVISION_TABLE);
            columns.put("count", Integer.toString(rows.size()));
            columns.put("leaves", LeafRanges.format(leaves.values().stream().map(l -> (Long) l[0]).sorted().toList()));
            columns.put("cut", cut.toString());
            columns.put("archive", archive.getFileName().toString());
            columns.put("archive_sha256", archiveSha);
            long id = ControlLeaves.nextId(c, Preimages.RETENTION_TABLE);
            ControlLeaves.append(c, Preimages.RETENTION, Preimages.RETENTION_TABLE, id, Preimages.retention(id, columns), columns);
        }
        return new Batch(rows.size(), archive, last, true);
    }

    /**
     * The revisions among {@code in} that a hold covers: its actor, correlation and time criteria on the revision
     * row, and its target (type, and id if given) as an {@code _AUD} row of that entity in the revision. A hold by
     * event ids covers no revision; a hold on a target that is no audited entity covers none either.
     */
    private static Set<Long> held(Connection c, String in, List<Hold> holds, Map<String, String[]> targets,
                                  Map<Long, List<SealedRows.AudRow>> aud) throws SQLException {
        Set<Long> held = new TreeSet<>();
        for (Hold hold : holds) {
            HoldScope scope = hold.scope();
            if (!scope.eventIds().isEmpty()) {
                continue;
            }
            String[] target = null;
            if (scope.targetType() != null) {
                target = targets.get(scope.targetType());
                if (target == null) {
                    continue;
                }
            }
            HoldPredicates.Sql revision = HoldPredicates.revisions(new HoldScope(scope.actorId(), null, null,
                    scope.correlationId(), List.of(), scope.from(), scope.to()));
            Set<Long> matching = new TreeSet<>();
            try (PreparedStatement s = c.prepareStatement("select id from attest_revision where id in (" + in + ")"
                    + (revision.text().isEmpty() ? "" : " and " + revision.text()))) {
                for (int i = 0; i < revision.params().size(); i++) {
                    s.setObject(i + 1, revision.params().get(i));
                }
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        matching.add(rs.getLong(1));
                    }
                }
            }
            for (long id : matching) {
                if (target == null || holdsTarget(aud.getOrDefault(id, List.of()), target, scope.targetId())) {
                    held.add(id);
                }
            }
        }
        return held;
    }

    private static boolean holdsTarget(List<SealedRows.AudRow> rows, String[] target, String targetId) {
        for (SealedRows.AudRow row : rows) {
            if (row.table().equals(target[0]) && (targetId == null || targetId.equals(row.columns().get(target[1])))) {
                return true;
            }
        }
        return false;
    }

    /**
     * The revisions between {@code from} and {@code to} that hold an entity's current state: an {@code _AUD} row that
     * is not a deletion and has no later row of the same key. (A table without a primary key keeps all its revisions.)
     */
    private static Set<Long> currentStates(Connection c, List<AudTable> audTables, long from, long to) throws SQLException {
        Set<Long> current = new HashSet<>();
        for (AudTable table : audTables) {
            String key = String.join(", ", table.key());
            try (PreparedStatement s = c.prepareStatement("select rev, revtype" + (key.isEmpty() ? "" : ", " + key)
                    + " from " + table.name() + " where rev between ? and ?")) {
                s.setLong(1, from);
                s.setLong(2, to);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        long rev = rs.getLong(1);
                        Object type = rs.getObject(2);
                        if (table.key().isEmpty()) {
                            current.add(rev);
                            continue;
                        }
                        if (type != null && ((Number) type).intValue() == 2) {
                            continue;
                        }
                        Object[] values = new Object[table.key().size()];
                        for (int i = 0; i < values.length; i++) {
                            values[i] = rs.getObject(3 + i);
                        }
                        if (!later(c, table, values, rev)) {
                            current.add(rev);
                        }
                    }
                }
            }
        }
        return current;
    }

    private static boolean later(Connection c, AudTable table, Object[] key, long rev) throws SQLException {
        String where = table.key().stream().map(k -> k + " = ?").collect(Collectors.joining(" and "));
        try (PreparedStatement s = c.prepareStatement("select 1 from " + table.name() + " where " + where
                + " and rev > ? fetch first 1 rows only")) {
            for (int i = 0; i < key.length; i++) {
                s.setObject(i + 1, key[i]);
            }
            s.setLong(key.length + 1, rev);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next();
            }
        }
    }

    /**
     * Under Envers' validity strategy a kept {@code _AUD} row names the revision that superseded it
     * ({@code revend}): those revisions stay too, so that no kept row loses the end of its validity.
     */
    private static Set<Long> supersedingKept(Connection c, List<AudTable> audTables, List<Long> purge) throws SQLException {
        Set<Long> kept = new HashSet<>();
        if (purge.isEmpty()) {
            return kept;
        }
        Set<Long> remaining = new TreeSet<>(purge);
        boolean changed = true;
        while (changed && !remaining.isEmpty()) {
            changed = false;
            String ids = remaining.stream().map(String::valueOf).collect(Collectors.joining(", "));
            for (AudTable table : audTables) {
                if (!table.revend()) {
                    continue;
                }
                try (PreparedStatement s = c.prepareStatement("select distinct revend from " + table.name()
                        + " where revend in (" + ids + ") and rev not in (" + ids + ")");
                     ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        long id = rs.getLong(1);
                        if (remaining.remove(id)) {
                            kept.add(id);
                            changed = true;
                        }
                    }
                }
            }
        }
        return kept;
    }
}
