package dev.attest.internal.integrity;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

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
        Map<Long, Map<String, String>> rows = SealedRows.rows(c, Preimages.EVENT_TABLE, "id = ?", id);
        if (rows.isEmpty()) {
            return null;
        }
        try (PreparedStatement s = c.prepareStatement(
                "select leaf_index, salt from attest_seal_leaf where ref_table = ? and ref_id = ? and kind = ?")) {
            s.setString(1, Preimages.EVENT_TABLE);
            s.setLong(2, id);
            s.setString(3, Preimages.EVENT);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next() || rs.getLong(1) >= checkpoint.size()) {
                    return null;
                }
                return bundle(id, rows.get(id), rs.getString(2), rs.getLong(1), tree, checkpoint);
            }
        }
    }

    public static Map<String, Object> bundle(long id, Map<String, String> columns, String salt, long index,
                                             Merkle.Tree tree, Checkpoint checkpoint) {
        Map<String, Object> bundle = new TreeMap<>();
        bundle.put("v", (long) Preimages.VERSION);
        bundle.put("table", Preimages.EVENT_TABLE);
        bundle.put("id", Long.toString(id));
        bundle.put("columns", new TreeMap<>(columns));
        bundle.put("salt", salt);
        bundle.put("leaf_index", index);
        List<Object> path = new ArrayList<>();
        tree.inclusionProof((int) index, (int) checkpoint.size()).forEach(h -> path.add(Hashes.hex(h)));
        bundle.put("path", path);
        bundle.put("checkpoint", Json.parse(checkpoint.json()));
        return bundle;
    }
}
