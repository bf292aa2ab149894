package dev.attest.internal.retention;

import dev.attest.internal.integrity.Hashes;
import dev.attest.internal.integrity.Json;
import dev.attest.internal.integrity.Merkle;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * Appends a retention or erasure leaf to the sealed log in the caller's transaction. {@link #lock} comes first:
 * it holds the tree state's row, so a sealing round that read rows before this transaction changed them cannot
 * commit (its compare-and-set on the tree size fails and it reads them again).
 */
final class ControlLeaves {

    private ControlLeaves() {
    }

    /**
     * Locks the sealer's lease row, then the tree state, in the order a sealing round takes them (so the two wait for
     * each other instead of deadlocking); false when the log has no state yet (nothing was ever sealed).
     */
    static boolean lock(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "update attest_seal_lease set expires_at = expires_at where name = 'sealer'")) {
            s.executeUpdate();
        }
        try (PreparedStatement s = c.prepareStatement("update attest_seal_state set updated_at = updated_at where id = 1")) {
            return s.executeUpdate() == 1;
        }
    }

    /** The next id of a control leaf of {@code table}. */
    static long nextId(Connection c, String table) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "select coalesce(max(ref_id), 0) + 1 from attest_seal_leaf where ref_table = ?")) {
            s.setString(1, table);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Appends the leaf of {@code preimage} ({@code columns} kept beside it for the verifier); returns its index. */
    static long append(Connection c, String kind, String table, long id, byte[] preimage, Map<String, String> columns)
            throws SQLException {
        long size;
        String encoded;
        try (PreparedStatement s = c.prepareStatement("select tree_size, frontier from attest_seal_state where id = 1");
             ResultSet rs = s.executeQuery()) {
            if (!rs.next()) {
                throw new SQLException("the sealed log has no state");
            }
            size = rs.getLong(1);
            encoded = rs.getString(2);
        }
        Merkle.Frontier frontier = Merkle.Frontier.decode(size, encoded);
        byte[] hash = Merkle.leafHash(preimage);
        frontier.append(hash);
        try (PreparedStatement insert = c.prepareStatement("insert into attest_seal_leaf (leaf_index, kind, ref_table, "
                + "ref_id, salt, leaf_hash, aud_digests, sealed_at) values (?, ?, ?, ?, null, ?, ?, ?)")) {
            insert.setLong(1, size);
            insert.setString(2, kind);
            insert.setString(3, table);
            insert.setLong(4, id);
            insert.setString(5, Hashes.hex(hash));
            insert.setString(6, Json.canonical(new TreeMap<>(columns)));
            insert.setTimestamp(7, Timestamp.from(Instant.now()));
            insert.executeUpdate();
        }
        try (PreparedStatement update = c.prepareStatement("update attest_seal_state set tree_size = ?, frontier = ?, "
                + "updated_at = ? where id = 1 and tree_size = ?")) {
            update.setLong(1, frontier.size());
            update.setString(2, frontier.encode());
            update.setTimestamp(3, Timestamp.from(Instant.now()));
            update.setLong(4, size);
            if (update.executeUpdate() != 1) {
                throw new SQLException("the sealed log grew under this transaction at size " + size);
            }
        }
        return size;
    }
}
