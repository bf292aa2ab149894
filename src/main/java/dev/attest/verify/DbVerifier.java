package dev.attest.verify;

import dev.attest.internal.integrity.Checkpoint;
import dev.attest.internal.integrity.ErasedRow;
import dev.attest.internal.integrity.Json;
import dev.attest.internal.integrity.LeafRanges;
import dev.attest.internal.integrity.Hashes;
import dev.attest.internal.integrity.LeafWriter;
import dev.attest.internal.integrity.Manifests;
import dev.attest.internal.integrity.Merkle;
import dev.attest.internal.integrity.Preimages;
import dev.attest.internal.integrity.SealedRows;
import dev.attest.internal.integrity.TrustedKeys;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Verifies a database against the trusted keys and the checkpoint file: every leaf recomputed from its rows,
 * the log's roots against the signed checkpoints, and every row of the sealed tables accounted for.
 */
public final class DbVerifier {

    static final String LEAF_TABLE = "attest_seal_leaf";
    static final String CHECKPOINT_TABLE = "attest_seal_checkpoint";

    private final Connection c;
    private final TrustedKeys keys;
    private final Report report = new Report();
    private final LeafWriter writer = new LeafWriter();

    private int size;
    private String[] kind;
    private String[] table;
    private long[] refId;
    private byte[][] salt;
    private byte[][] stored;
    private byte[][] actual;
    private String[] extra;
    private final Map<String, Map<Long, Integer>> leafOf = new HashMap<>();
    private final Map<Integer, Map<String, String>> changedEvents = new LinkedHashMap<>();
    private final List<Runnable> revisionFindings = new ArrayList<>();
    /** Leaves whose rows a sealed retention leaf says were purged. */
    private final Set<Integer> purged = new HashSet<>();
    /** What erasures kept of the rows whose salt they removed, by table and id. */
    private final Map<String, Map<Long, ErasedRecord>> erased = new HashMap<>();

    private record ErasedRecord(long erasureId, ErasedRow row) {
    }

    /** The sealed manifests by leaf index: a data leaf is hashed over the columns of the last one before it. */
    private final TreeMap<Integer, Manifests.Manifest> manifests = new TreeMap<>();
    /** Columns a manifest names that a sealed table no longer has, reported once each. */
    private final Set<String> dropped = new HashSet<>();

    /** Sealed FAILURE rows by the rolled-back id they name. */
    private final Map<Long, Long> replacements = new HashMap<>();

    public DbVerifier(Connection c, TrustedKeys keys) {
        this.c = c;
        this.keys = keys;
    }

    public Report verify(List<Checkpoint> checkpoints) throws SQLException {
        readLeaves();
        readErasedRows();
        checkManifests();
        checkControlLeaves();
        checkEvents();
        checkRevisions();
        checkGaps();
        checkRoots(checkpoints);
        report.checked("leaves", size);
        report.checked("checkpoints", checkpoints.size());
        return report;
    }

    private void readLeaves() throws SQLException {
        List<Object[]> rows = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("select leaf_index, kind, ref_table, ref_id, salt, leaf_hash, "
                + "aud_digests from attest_seal_leaf order by leaf_index")) {
            s.setFetchSize(5000);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Object[] {rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4),
                            rs.getString(5), rs.getString(6), rs.getString(7)});
                }
            }
        }
        size = rows.size();
        kind = new String[size];
        table = new String[size];
        refId = new long[size];
        salt = new byte[size][];
        stored = new byte[size][];
        actual = new byte[size][];
        extra = new String[size];
        for (int i = 0; i < size; i++) {
            Object[] r = rows.get(i);
            if ((Long) r[0] != i) {
                report.tampered("missing-leaf", LEAF_TABLE, i, "leaf " + i + " is missing; the next is " + r[0]);
                size = i;
                break;
            }
            kind[i] = (String) r[1];
            table[i] = (String) r[2];
            refId[i] = (Long) r[3];
            salt[i] = r[4] == null ? null : Hashes.unbase64url((String) r[4]);
            stored[i] = Hashes.unhex((String) r[5]);
            extra[i] = (String) r[6];
            leafOf.computeIfAbsent(table[i], t -> new HashMap<>()).put(refId[i], i);
        }
    }

    private Integer leaf(String t, long id, String expectedKind) {
        Integer i = leafOf.getOrDefault(t, Map.of()).get(id);
        return i != null && kind[i].equals(expectedKind) ? i : null;
    }

    private boolean closedGap(String t, long id) {
        Integer i = leafOf.getOrDefault(t, Map.of()).get(id);
        return i != null && kind[i].equals(Preimages.GAP);
    }

    private void checkEvents() throws SQLException {
        Set<Long> openGaps = openGaps(Preimages.EVENT_TABLE);
        long[] high = {highestSealed(Preimages.EVENT_TABLE, Preimages.EVENT)};
        long[] count = {0};
        SealedRows.forEach(c, Preimages.EVENT_TABLE, (id, columns) -> {
            count[0]++;
            Integer i = leaf(Preimages.EVENT_TABLE, id, Preimages.EVENT);
            if (i == null) {
                unsealed(Preimages.EVENT_TABLE, "event", id, high[0], openGaps);
                return;
            }
            Map<String, String> sealed = sealedColumns(i, Preimages.EVENT_TABLE, id, columns);
            if (sealed == null) {
                actual[i] = stored[i];
                return;
            }
            actual[i] = salt[i] != null ? writer.eventLeaf(id, sealed, salt[i])
                    : Merkle.leafHash(Preimages.event(id, sealed, committer(i)));
            if (!Arrays.equals(actual[i], stored[i])) {
                changedEvents.put(i, sealed);
            } else if (columns.get("replaces_id") != null) {
                replacements.put(Long.parseLong(columns.get("replaces_id")), id);
            }
        });
        report.checked("events", count[0]);
    }

    private void unsealed(String t, String what, long id, long high, Set<Long> openGaps) {
        if (id > high || openGaps.contains(id) && !closedGap(t, id)) {
            report.warning("unsealed-" + what, t, id, "not sealed yet");
        } else {
            report.tampered("forged-" + what, t, id, closedGap(t, id)
                    ? "a control leaf closed this id as a gap" : "below the sealed high-water mark and never sealed");
        }
    }

    private long highestSealed(String t, String k) {
        long high = 0;
        for (int i = 0; i < size; i++) {
            if (table[i].equals(t) && kind[i].equals(k)) {
                high = Math.max(high, refId[i]);
            }
        }
        return high;
    }

    private Set<Long> openGaps(String t) throws SQLException {
        Set<Long> gaps = new HashSet<>();
        try (PreparedStatement s = c.prepareStatement("select ref_id from attest_seal_gap where ref_table = ?")) {
            s.setString(1, t);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    gaps.add(rs.getLong(1));
                }
            }
        }
        return gaps;
    }

    private void checkRevisions() throws SQLException {
        List<String> audTables = SealedRows.audTables(c);
        Set<Long> openGaps = openGaps(Preimages.REVISION_TABLE);
        long high = highestSealed(Preimages.REVISION_TABLE, Preimages.REVISION);
        long count = 0;
        long last = 0;
        while (true) {
            Map<Long, Map<String, String>> chunk = SealedRows.limited(c, Preimages.REVISION_TABLE, "id > ?", 2000, last);
            if (chunk.isEmpty()) {
                break;
            }
            long first = chunk.keySet().iterator().next();
            for (Long id : chunk.keySet()) {
                last = id;
            }
            Map<Long, List<SealedRows.AudRow>> aud = SealedRows.audRows(c, audTables, first, last);
            for (Map.Entry<Long, Map<String, String>> row : chunk.entrySet()) {
                count++;
                long id = row.getKey();
                Integer i = leaf(Preimages.REVISION_TABLE, id, Preimages.REVISION);
                if (i == null) {
                    unsealed(Preimages.REVISION_TABLE, "revision", id, high, openGaps);
                    continue;
                }
                revision(i, id, row.getValue(), aud.get(id));
            }
        }
        report.checked("revisions", count);
    }

    private void revision(int i, long id, Map<String, String> row, List<SealedRows.AudRow> rows) {
        Map<String, String> columns = sealedColumns(i, Preimages.REVISION_TABLE, id, row);
        List<SealedRows.AudRow> aud = new ArrayList<>();
        if (rows != null) {
            for (SealedRows.AudRow r : rows) {
                Map<String, String> sealed = sealedColumns(i, r.table(), id, r.columns());
                if (sealed == null) {
                    columns = null;
                    break;
                }
                aud.add(sealed == r.columns() ? r : new SealedRows.AudRow(r.table(), sealed));
            }
        }
        if (columns == null) {
            actual[i] = stored[i];
            return;
        }
        String labelled = salt[i] != null ? SealedRows.labelled(aud, salt[i], writer) : SealedRows.labelled(aud, committer(i));
        List<String> current = new ArrayList<>(Arrays.asList(nonEmpty(labelled)));
        actual[i] = revisionLeaf(i, id, columns, SealedRows.unlabelled(labelled));
        if (Arrays.equals(actual[i], stored[i])) {
            return;
        }
        List<String> sealed = Arrays.asList(nonEmpty(extra[i]));
        if (!Arrays.equals(revisionLeaf(i, id, columns, SealedRows.unlabelled(extra[i])), stored[i])) {
            defer("changed-revision", Preimages.REVISION_TABLE, id, "the revision row differs from its sealed leaf " + i);
            return;
        }
        // the revision row is as sealed: name the _AUD rows that differ
        Map<String, int[]> byTable = new TreeMap<>();
        Set<String> sealedSet = new HashSet<>(sealed);
        Set<String> currentSet = new HashSet<>(current);
        current.stream().filter(d -> !sealedSet.contains(d))
                .forEach(d -> byTable.computeIfAbsent(d.substring(0, d.indexOf(':')), t -> new int[2])[0]++);
        sealed.stream().filter(d -> !currentSet.contains(d))
                .forEach(d -> byTable.computeIfAbsent(d.substring(0, d.indexOf(':')), t -> new int[2])[1]++);
        byTable.forEach((t, n) -> {
            if (n[0] > 0 && n[1] > 0) {
                defer("changed-aud-row", t, id, "a row of revision " + id + " differs from its sealed value");
            } else if (n[1] > 0) {
                defer("deleted-aud-row", t, id, n[1] + " sealed row(s) of revision " + id + " are missing");
            } else {
                defer("forged-aud-row", t, id, n[0] + " row(s) of revision " + id + " were never sealed");
            }
        });
        if (byTable.isEmpty()) {
            defer("changed-revision", Preimages.REVISION_TABLE, id, "the revision leaf " + i + " does not match");
        }
    }

    /**
     * Manifest leaves: each recomputed from the columns kept beside it; a forged one is reported, and every one
     * is used for the leaves after it.
     */
    private void checkManifests() {
        for (int i = 0; i < size; i++) {
            if (!kind[i].equals(Preimages.MANIFEST)) {
                continue;
            }
            Manifests.Manifest manifest;
            try {
                manifest = Manifests.parse(refId[i], extra[i]);
            } catch (RuntimeException e) {
                actual[i] = new byte[32];
                report.tampered("forged-manifest", table[i], refId[i], "leaf " + i + " keeps no readable manifest");
                continue;
            }
            actual[i] = Merkle.leafHash(Manifests.preimage(manifest));
            if (!Arrays.equals(actual[i], stored[i])) {
                report.tampered("forged-manifest", table[i], refId[i], "the columns kept beside leaf " + i
                        + " are not the sealed manifest");
            }
            manifests.put(i, manifest);
        }
        report.checked("manifests", manifests.size());
    }

    /**
     * The columns of a row of {@code t} as leaf {@code i} sealed them: those of the manifest in force, a column
     * added later left out (a warning when it holds a value, which the seal does not cover). Null when the table
     * lost a column the manifest names (reported once as {@code dropped-column}): the leaf cannot be recomputed.
     */
    private Map<String, String> sealedColumns(int i, String t, long id, Map<String, String> row) {
        Map.Entry<Integer, Manifests.Manifest> inForce = manifests.lowerEntry(i);
        Set<String> names = inForce == null ? null : inForce.getValue().names(t);
        if (names == null) {
            return row;
        }
        Map<String, String> sealed = Manifests.sealed(inForce.getValue(), t, row);
        if (sealed == row) {
            return row;
        }
        boolean lost = false;
        for (String name : names) {
            if (!row.containsKey(name)) {
                lost = true;
                if (dropped.add(t + "." + name)) {
                    report.tampered("dropped-column", t, name, "manifest " + inForce.getValue().id() + " seals column "
                            + name + " of " + t + "; the table no longer has it, so its sealed rows cannot be checked");
                }
            }
        }
        if (lost) {
            return null;
        }
        for (String name : Manifests.uncovered(names, row)) {
            report.warning("uncovered-column", t, id, "column " + name + " was added after leaf " + i
                    + " was sealed; its value is not covered by the seal");
        }
        return sealed;
    }

    private void defer(String kind, String table, Object id, String detail) {
        revisionFindings.add(() -> report.tampered(kind, table, id, detail));
    }

    private static String[] nonEmpty(String labelled) {
        return labelled == null || labelled.isEmpty() ? new String[0] : labelled.split(",");
    }

    /** The leaf hash of revision leaf {@code i}: with its salt on the fast path, else from what an erasure kept. */
    private byte[] revisionLeaf(int i, long id, Map<String, String> columns, List<String> digests) {
        return salt[i] != null ? writer.revisionLeaf(id, columns, digests, salt[i])
                : Merkle.leafHash(Preimages.revision(id, columns, digests, committer(i)));
    }

    /** The committer of leaf {@code i}: its salt, or what an erasure kept when the salt is gone. */
    private Preimages.Committer committer(int i) {
        if (salt[i] != null) {
            return Preimages.salted(salt[i]);
        }
        ErasedRecord record = erased.getOrDefault(table[i], Map.of()).get(refId[i]);
        return record != null ? record.row().committer() : (t, column, value) -> "unverifiable";
    }

    private void readErasedRows() throws SQLException {
        boolean exists;
        try (ResultSet rs = c.getMetaData().getTables(c.getCatalog(), c.getSchema(), "%", new String[] {"TABLE"})) {
            exists = false;
            while (rs.next()) {
                exists |= rs.getString("TABLE_NAME").equalsIgnoreCase("attest_erased_row");
            }
        }
        if (!exists) {
            return;
        }
        try (PreparedStatement s = c.prepareStatement("select ref_table, ref_id, erasure_id, commitments from attest_erased_row");
             ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                erased.computeIfAbsent(rs.getString(1), t -> new HashMap<>())
                        .put(rs.getLong(2), new ErasedRecord(rs.getLong(3), ErasedRow.parse(rs.getString(4))));
            }
        }
    }

    /**
     * Retention and erasure leaves: each recomputed from the columns kept beside it. A sealed retention leaf lets
     * the rows of the leaves it names be gone; a sealed erasure leaf must name exactly the rows erased under it.
     */
    @SuppressWarnings("unchecked")
    private void checkControlLeaves() {
        Map<Long, String> erasureDigests = new HashMap<>();
        long purgedRows = 0;
        for (int i = 0; i < size; i++) {
            boolean retention = kind[i].equals(Preimages.RETENTION);
            if (!retention && !kind[i].equals(Preimages.ERASURE)) {
                continue;
            }
            Map<String, String> columns = new TreeMap<>();
            try {
                ((Map<String, Object>) Json.parse(extra[i])).forEach((k, v) -> columns.put(k, (String) v));
            } catch (RuntimeException e) {
                actual[i] = new byte[32];
                report.tampered("forged-" + kind[i], table[i], refId[i], "leaf " + i + " keeps no readable record");
                continue;
            }
            actual[i] = Merkle.leafHash(retention ? Preimages.retention(refId[i], columns) : Preimages.erasure(refId[i], columns));
            if (!Arrays.equals(actual[i], stored[i])) {
                report.tampered("forged-" + kind[i], table[i], refId[i], "the record kept beside leaf " + i + " is not the sealed one");
                continue;
            }
            if (retention) {
                LeafRanges.forEach(columns.get("leaves"), index -> purged.add((int) index));
                purgedRows += Long.parseLong(columns.get("count"));
            } else {
                erasureDigests.put(refId[i], columns.get("rows_sha256"));
            }
        }
        Map<Long, List<String>> keysByErasure = new TreeMap<>();
        erased.forEach((t, rows) -> rows.forEach((id, record) ->
                keysByErasure.computeIfAbsent(record.erasureId(), e -> new ArrayList<>()).add(t + ":" + id)));
        keysByErasure.forEach((erasure, keys) -> {
            keys.sort(null);
            String digest = Hashes.hex(Hashes.sha256(String.join(",", keys)));
            if (!digest.equals(erasureDigests.get(erasure))) {
                report.tampered("forged-erasure", Preimages.ERASURE_TABLE, erasure, "the rows erased under erasure "
                        + erasure + " are not the ones its sealed erasure leaf names");
            }
        });
        report.checked("purged", purgedRows);
        report.checked("erasures", erasureDigests.size());
    }

    private void checkGaps() throws SQLException {
        for (int i = 0; i < size; i++) {
            if (!kind[i].equals(Preimages.GAP)) {
                continue;
            }
            Long replacedBy = extra[i] == null ? null : Long.valueOf(extra[i]);
            actual[i] = Merkle.leafHash(Preimages.gap(table[i], refId[i], replacedBy));
            if (!Arrays.equals(actual[i], stored[i])) {
                continue;
            }
            if (replacedBy == null && table[i].equals(Preimages.EVENT_TABLE) && replacements.containsKey(refId[i])) {
                // closed by the horizon before its FAILURE row committed: that sealed row explains it
                continue;
            }
            if (replacedBy == null) {
                report.warning("unexplained-gap", table[i], refId[i], "no row ever committed with this id; closed after the horizon");
            } else if (leaf(Preimages.EVENT_TABLE, replacedBy, Preimages.EVENT) == null) {
                report.tampered("deleted-event", Preimages.EVENT_TABLE, replacedBy,
                        "the FAILURE row that explains gap " + refId[i] + " is not sealed");
            }
        }
    }

    private void checkRoots(List<Checkpoint> checkpoints) throws SQLException {
        List<Checkpoint> copies = copies();
        List<Checkpoint> untrusted = copies.stream().filter(cp -> !cp.signedBy(keys)).toList();
        // missing rows: a sealed leaf whose row is gone
        List<Integer> missing = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            if (actual[i] == null) {
                if (!purged.contains(i)) {
                    missing.add(i);
                }
                actual[i] = stored[i];
            }
        }
        boolean storedMatches = true;
        boolean actualMatches = true;
        Checkpoint mismatch = null;
        Merkle.Frontier fs = new Merkle.Frontier();
        Merkle.Frontier fa = new Merkle.Frontier();
        List<Checkpoint> bySize = new ArrayList<>(checkpoints);
        bySize.sort((a, b) -> Long.compare(a.size(), b.size()));
        int next = 0;
        for (int i = 0; i <= size; i++) {
            while (next < bySize.size() && bySize.get(next).size() == i) {
                Checkpoint cp = bySize.get(next++);
                byte[] root = Hashes.unhex(cp.root());
                if (!Arrays.equals(fs.root(), root)) {
                    storedMatches = false;
                    mismatch = mismatch == null ? cp : mismatch;
                }
                if (!Arrays.equals(fa.root(), root)) {
                    actualMatches = false;
                }
            }
            if (i < size) {
                fs.append(stored[i]);
                fa.append(actual[i]);
            }
        }
        for (int i : missing) {
            String what = kind[i].equals(Preimages.REVISION) ? "revision" : "event";
            report.tampered("deleted-" + what, table[i], refId[i], "sealed as leaf " + i + ", the row is gone");
        }
        if (!storedMatches && actualMatches) {
            for (int i = 0; i < size; i++) {
                if (!Arrays.equals(actual[i], stored[i])) {
                    report.tampered("edited-leaf-hash", LEAF_TABLE, i, "the stored hash of leaf " + i
                            + " is not the signed one; its row matches the signed log");
                }
            }
        } else {
            rowFindings();
            if (!storedMatches) {
                report.tampered(untrusted.isEmpty() ? "root-mismatch" : "fork", LEAF_TABLE, mismatch.size(),
                        "the log's root at size " + mismatch.size() + " is not the one signed at " + mismatch.time()
                                + (untrusted.isEmpty() ? "" : "; the database holds checkpoints signed by an untrusted key"));
            }
        }
        Checkpoint last = checkpoints.isEmpty() ? null : checkpoints.get(checkpoints.size() - 1);
        if (last != null && last.size() > size) {
            Checkpoint newestCopy = copies.stream().max((a, b) -> Long.compare(a.size(), b.size())).orElse(null);
            if (!untrusted.isEmpty()) {
                report.tampered("fork", LEAF_TABLE, size, "the log has " + size + " leaves, " + last.size()
                        + " were signed; the database holds checkpoints signed by an untrusted key");
            } else if (newestCopy != null && newestCopy.size() == size
                    && checkpoints.stream().anyMatch(cp -> cp.hash().equals(newestCopy.hash()))) {
                report.tampered("restored-backup", LEAF_TABLE, size, "the database is the log as signed at "
                        + newestCopy.time() + " (size " + size + "); " + last.size() + " leaves were signed since");
            } else {
                report.tampered("truncated-tail", LEAF_TABLE, size, "the log has " + size + " leaves; "
                        + last.size() + " were signed at " + last.time());
            }
        } else if (!untrusted.isEmpty() && storedMatches) {
            report.tampered("fork", CHECKPOINT_TABLE, untrusted.get(0).hash(), "a checkpoint signed by an untrusted key");
        }
    }

    private void rowFindings() {
        revisionFindings.forEach(Runnable::run);
        List<Integer> changed = new ArrayList<>(changedEvents.keySet());
        Set<Integer> swapped = new HashSet<>();
        if (changed.size() <= 100) {
            for (int a : changed) {
                for (int b : changed) {
                    if (a < b && !swapped.contains(a) && !swapped.contains(b)
                            && Arrays.equals(writer.eventLeaf(refId[b], changedEvents.get(a), salt[b]), stored[b])
                            && Arrays.equals(writer.eventLeaf(refId[a], changedEvents.get(b), salt[a]), stored[a])) {
                        swapped.add(a);
                        swapped.add(b);
                        report.tampered("swapped-rows", Preimages.EVENT_TABLE, refId[a], "holds the sealed row " + refId[b]);
                        report.tampered("swapped-rows", Preimages.EVENT_TABLE, refId[b], "holds the sealed row " + refId[a]);
                    }
                }
            }
        }
        for (int i : changed) {
            if (!swapped.contains(i)) {
                report.tampered("changed-event", Preimages.EVENT_TABLE, refId[i], "the row differs from its sealed leaf " + i);
            }
        }
    }

    private List<Checkpoint> copies() throws SQLException {
        List<Checkpoint> copies = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("select checkpoint from attest_seal_checkpoint");
             ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                try {
                    copies.add(Checkpoint.parse(rs.getString(1)));
                } catch (RuntimeException e) {
                    report.warning("unreadable-checkpoint", CHECKPOINT_TABLE, null, e.getMessage());
                }
            }
        }
        return copies;
    }
}
