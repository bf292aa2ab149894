package dev.attest.internal.integrity;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Builds the self-contained proof of a single event (its columns and salt, its leaf index, the audit path and the
 * signed checkpoint whose root it leads to) from the seal tables: for the audit API and for the offline verifier,
 * which checks it with {@code dev.attest.verify.Proofs}.
 */
public final class ProofBundles {

    private ProofBundles() {
    }

    /** The leaf hashes of the log, in order. */
    public static List<byte[]> leafHashes(Connection c) throws SQLException {
        List<byte[]> leaves = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("select leaf_hash from attest_seal_leaf order by leaf_index")) {
            s.setFetchSize(5000);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    leaves.add(Hashes.unhex(rs.getString(1)));
                }
            }
        }
        return leaves;
    }

    /** The newest checkpoint of the database's copies no larger than {@code maxSize}, or null. */
    public static Checkpoint newestCopy(Connection c, long maxSize) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("select checkpoint from attest_seal_checkpoint where tree_size <= ? "
                + "order by tree_size desc")) {
            s.setLong(1, maxSize);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Checkpoint.parse(rs.getString(1)) : null;
            }
        }
    }

    /** The bundle proving event {@code id} under {@code checkpoint}, or null when it is not sealed within it. */
    public static Map<String, Object> bundle(Connection c, long id, Merkle.Tree tree, Checkpoint checkpoint)
            throws SQLException {
        return bundle(c, id, tree, checkpoint, Set.of());
    }

    /** Like {@link #bundle(Connection, long, Merkle.Tree, Checkpoint)}, the personal columns {@code withhold} withheld. */
    public static Map<String, Object> bundle(Connection c, long id, Merkle.Tree tree, Checkpoint checkpoint,
                                             Set<String> withhold) throws SQLException {
        Map<Long, Map<String, String>> rows = SealedRows.rows(c, Preimages.EVENT_TABLE, "id = ?", id);
        if (rows.isEmpty()) {
            return null;
        }
        try (PreparedStatement s = c.prepareStatement("select leaf_index, salt, (select commitments from "
                + "attest_erased_row r where r.ref_table = l.ref_table and r.ref_id = l.ref_id) from attest_seal_leaf l "
                + "where ref_table = ? and ref_id = ? and kind = ?")) {
            s.setString(1, Preimages.EVENT_TABLE);
            s.setLong(2, id);
            s.setString(3, Preimages.EVENT);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next() || rs.getLong(1) >= checkpoint.size()) {
                    return null;
                }
                long index = rs.getLong(1);
                return withhold(bundle(id, sealedColumns(c, index, rows.get(id)), rs.getString(2), index, tree,
                        checkpoint, rs.getString(3)), withhold);
            }
        }
    }

    /**
     * The columns of an event row as its leaf {@code index} sealed them: those of the manifest in force there
     * ({@link Manifests}), a column added later left out.
     */
    public static Map<String, String> sealedColumns(Connection c, long index, Map<String, String> row)
            throws SQLException {
        return Manifests.sealed(Manifests.inForce(c, index), Preimages.EVENT_TABLE, row);
    }

    public static Map<String, Object> bundle(long id, Map<String, String> columns, String salt, long index,
                                             Merkle.Tree tree, Checkpoint checkpoint) {
        return bundle(id, columns, salt, index, tree, checkpoint, null);
    }

    /**
     * The bundle of an event; {@code erased} (the {@code ErasedRow} of an erased event, or null) replaces the salt
     * an erasure removed.
     */
    public static Map<String, Object> bundle(long id, Map<String, String> columns, String salt, long index,
                                             Merkle.Tree tree, Checkpoint checkpoint, String erased) {
        Map<String, Object> bundle = new TreeMap<>();
        bundle.put("v", (long) Preimages.VERSION);
        bundle.put("table", Preimages.EVENT_TABLE);
        bundle.put("id", Long.toString(id));
        bundle.put("columns", new TreeMap<>(columns));
        bundle.put("salt", salt);
        if (erased != null) {
            bundle.put("erased", Json.parse(erased));
        }
        bundle.put("leaf_index", index);
        List<Object> path = new ArrayList<>();
        tree.inclusionProof((int) index, (int) checkpoint.size()).forEach(h -> path.add(Hashes.hex(h)));
        bundle.put("path", path);
        bundle.put("checkpoint", Json.parse(checkpoint.json()));
        return bundle;
    }

    /**
     * A copy of {@code bundle} with the personal columns {@code withhold} given only as their commitments
     * ({@code withheld}): it verifies as the full bundle does, without disclosing them. Throws
     * {@link IllegalArgumentException} naming a column that is not personal (those enter the leaf in clear).
     */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> withhold(Map<String, Object> bundle, Set<String> withhold) {
        Map<String, Object> out = new TreeMap<>(bundle);
        Map<String, Object> shown = new TreeMap<>((Map<String, Object>) bundle.get("columns"));
        Map<String, Object> withheld = new TreeMap<>((Map<String, Object>) bundle.getOrDefault("withheld", Map.of()));
        if (bundle.get("salt") == null && !withhold.isEmpty()) {
            throw new IllegalArgumentException("an erased event keeps no salt: its personal values are already withheld");
        }
        byte[] salt = withhold.isEmpty() ? null : Hashes.unbase64url((String) bundle.get("salt"));
        for (String column : withhold) {
            if (!Preimages.PERSONAL_EVENT_COLUMNS.contains(column)) {
                throw new IllegalArgumentException("cannot withhold " + column + ": only personal columns "
                        + new TreeSet<>(Preimages.PERSONAL_EVENT_COLUMNS) + " enter the leaf as commitments");
            }
            // a NULL has nothing to withhold
            if (shown.get(column) instanceof String value) {
                shown.remove(column);
                withheld.put(column, Preimages.commitment(salt, Preimages.EVENT_TABLE, column, value));
            }
        }
        out.put("columns", shown);
        if (!withheld.isEmpty()) {
            out.put("withheld", withheld);
        }
        return out;
    }
}
