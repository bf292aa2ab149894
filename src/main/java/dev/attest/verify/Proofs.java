package dev.attest.verify;

import dev.attest.internal.integrity.Checkpoint;
import dev.attest.internal.integrity.ErasedRow;
import dev.attest.internal.integrity.Hashes;
import dev.attest.internal.integrity.Json;
import dev.attest.internal.integrity.Merkle;
import dev.attest.internal.integrity.Preimages;
import dev.attest.internal.integrity.SealedRows;
import dev.attest.internal.integrity.TrustedKeys;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Self-contained proofs of single events: the event's columns and salt, its leaf index, the audit path and the
 * signed checkpoint whose root it leads to. The same bundle is the seal data of an export line.
 */
public final class Proofs {

    private Proofs() {
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
                return bundle(id, rows.get(id), rs.getString(2), rs.getLong(1), tree, checkpoint, rs.getString(3));
            }
        }
    }

    public static Map<String, Object> bundle(long id, Map<String, String> columns, String salt, long index,
                                             Merkle.Tree tree, Checkpoint checkpoint) {
        return bundle(id, columns, salt, index, tree, checkpoint, null);
    }

    /**
     * The bundle of an event; {@code erased} (the {@link ErasedRow} of an erased event, or null) replaces the salt
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

    /** Checks a bundle; adds findings for event {@code id} to {@code report}. Returns whether it verifies. */
    @SuppressWarnings("unchecked")
    public static boolean verify(Map<String, Object> bundle, TrustedKeys keys, Report report) {
        String id = String.valueOf(bundle.get("id"));
        try {
            Checkpoint checkpoint = Checkpoint.from((Map<String, Object>) bundle.get("checkpoint"));
            if (!checkpoint.signedBy(keys)) {
                report.tampered("untrusted-checkpoint", Preimages.EVENT_TABLE, id, "the proof's checkpoint is not signed by a trusted key");
                return false;
            }
            Map<String, String> columns = new TreeMap<>();
            ((Map<String, Object>) bundle.get("columns")).forEach((k, v) -> columns.put(k, (String) v));
            Object erased = bundle.get("erased");
            Preimages.Committer committer = erased instanceof Map<?, ?> entries
                    ? ErasedRow.parse(Json.canonical(entries)).committer()
                    : Preimages.salted(Hashes.unbase64url((String) bundle.get("salt")));
            byte[] leaf = Merkle.leafHash(Preimages.event(Long.parseLong(id), columns, committer));
            List<byte[]> path = new ArrayList<>();
            ((List<Object>) bundle.get("path")).forEach(h -> path.add(Hashes.unhex((String) h)));
            if (!Merkle.verifyInclusion(leaf, (Long) bundle.get("leaf_index"), checkpoint.size(), path,
                    Hashes.unhex(checkpoint.root()))) {
                report.tampered("changed-event", Preimages.EVENT_TABLE, id, "the event does not lead to the signed root");
                return false;
            }
            return true;
        } catch (RuntimeException e) {
            report.tampered("unreadable-proof", Preimages.EVENT_TABLE, id, String.valueOf(e));
            return false;
        }
    }
}
