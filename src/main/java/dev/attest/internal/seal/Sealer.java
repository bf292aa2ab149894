package dev.attest.internal.seal;

import dev.attest.internal.integrity.Checkpoint;
import dev.attest.internal.integrity.Hashes;
import dev.attest.internal.integrity.LeafWriter;
import dev.attest.internal.integrity.Manifests;
import dev.attest.internal.integrity.Merkle;
import dev.attest.internal.integrity.Preimages;
import dev.attest.internal.integrity.SealedRows;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * One node's sealer: each {@link #round(Connection)} appends committed, unsealed rows to the log in the caller's
 * transaction; after it commits, {@link #checkpoint} signs the new state and appends it to the checkpoint file.
 * Plain JDBC, so the same code runs under any transaction manager.
 */
public final class Sealer {

    static final Logger CHECKPOINTS = Logger.getLogger("dev.attest.seal.checkpoint");
    private static final Object FILE_LOCK = new Object();
    private static final SecureRandom RANDOM = new SecureRandom();

    /** The fault points a test may stop a round at. */
    public static final String AFTER_INSERT = "after-insert";
    public static final String AFTER_COMMIT = "after-commit";
    public static final String AFTER_SIGNING = "after-signing";
    public static final String AFTER_FILE_WRITE = "after-file-write";

    private final SealSettings settings;
    private final String holder;
    private volatile Consumer<String> faults = point -> {
    };
    private List<String> audTables;

    public Sealer(SealSettings settings, String holder) {
        this.settings = settings;
        this.holder = holder;
    }

    /** For tests only: called at each fault point; throwing from it stops the sealer there, as a crash would. */
    public void faultHook(Consumer<String> hook) {
        this.faults = hook == null ? point -> {
        } : hook;
    }

    void fault(String point) {
        faults.accept(point);
    }

    /** The state after a round: tree size and root, and how many leaves it appended (-1 when the lease is another's). */
    public record Round(long size, byte[] root, int appended) {
    }

    /** One round in the caller's transaction; throws when another sealer appended first (the transaction must roll back). */
    public Round round(Connection c) throws SQLException {
        Instant now = databaseNow(c);
        if (!lease(c, now)) {
            return new Round(-1, null, -1);
        }
        if (audTables == null) {
            audTables = SealedRows.audTables(c);
        }
        State state = state(c, now);
        Merkle.Frontier frontier = Merkle.Frontier.decode(state.size, state.frontier);
        List<Object[]> leaves = new ArrayList<>();
        Map<String, String> seen = new TreeMap<>();
        Batch events = readRows(c, Preimages.EVENT_TABLE, state.eventHigh, now, seen);
        Batch revisions = readRows(c, Preimages.REVISION_TABLE, state.revisionHigh, now, seen);
        if (!events.isEmpty() || !revisions.isEmpty()) {
            manifest(c, seen, frontier, leaves);
        }
        append(events, frontier, leaves);
        append(revisions, frontier, leaves);
        long eventHigh = events.high();
        long revisionHigh = revisions.high();
        closeGaps(c, now, frontier, leaves);
        if (leaves.isEmpty()) {
            return new Round(state.size, frontier.root(), 0);
        }
        try (PreparedStatement insert = c.prepareStatement("insert into attest_seal_leaf (leaf_index, kind, ref_table, "
                + "ref_id, salt, leaf_hash, aud_digests, sealed_at) values (?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (Object[] leaf : leaves) {
                for (int i = 0; i < 7; i++) {
                    insert.setObject(i + 1, leaf[i]);
                }
                insert.setTimestamp(8, Timestamp.from(now));
                insert.addBatch();
            }
            insert.executeBatch();
        }
        fault(AFTER_INSERT);
        try (PreparedStatement update = c.prepareStatement("update attest_seal_state set tree_size = ?, frontier = ?, "
                + "event_high = ?, revision_high = ?, updated_at = ? where id = 1 and tree_size = ?")) {
            update.setLong(1, frontier.size());
            update.setString(2, frontier.encode());
            update.setLong(3, eventHigh);
            update.setLong(4, revisionHigh);
            update.setTimestamp(5, Timestamp.from(now));
            update.setLong(6, state.size);
            if (update.executeUpdate() != 1) {
                throw new ConcurrentSealException("another sealer appended to the log at size " + state.size);
            }
        }
        return new Round(frontier.size(), frontier.root(), leaves.size());
    }

    /** Thrown when the tree grew under this round: its transaction rolls back and nothing forks. */
    public static final class ConcurrentSealException extends SQLException {
        ConcurrentSealException(String message) {
            super(message);
        }
    }

    private record State(long size, String frontier, long eventHigh, long revisionHigh) {
    }

    private static State state(Connection c, Instant now) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "select tree_size, frontier, event_high, revision_high from attest_seal_state where id = 1");
             ResultSet rs = s.executeQuery()) {
            if (rs.next()) {
                return new State(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getLong(4));
            }
        }
        try (PreparedStatement s = c.prepareStatement("insert into attest_seal_state (id, tree_size, frontier, "
                + "event_high, revision_high, updated_at) values (1, 0, '', 0, 0, ?)")) {
            s.setTimestamp(1, Timestamp.from(now));
            s.executeUpdate();
        }
        return new State(0, "", 0, 0);
    }

    private boolean lease(Connection c, Instant now) throws SQLException {
        if (settings.lease().isZero()) {
            return true;
        }
        Timestamp until = Timestamp.from(now.plus(settings.lease()));
        try (PreparedStatement s = c.prepareStatement("update attest_seal_lease set holder = ?, expires_at = ? "
                + "where name = 'sealer' and (holder = ? or expires_at < ?)")) {
            s.setString(1, holder);
            s.setTimestamp(2, until);
            s.setString(3, holder);
            s.setTimestamp(4, Timestamp.from(now));
            if (s.executeUpdate() == 1) {
                return true;
            }
        }
        try (PreparedStatement s = c.prepareStatement("select holder from attest_seal_lease where name = 'sealer'");
             ResultSet rs = s.executeQuery()) {
            if (rs.next()) {
                return false;
            }
        }
        try (PreparedStatement s = c.prepareStatement(
                "insert into attest_seal_lease (name, holder, expires_at) values ('sealer', ?, ?)")) {
            s.setString(1, holder);
            s.setTimestamp(2, until);
            s.executeUpdate();
            return true;
        }
    }

    static Instant databaseNow(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("select current_timestamp");
             ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getObject(1, OffsetDateTime.class).toInstant();
        }
    }

    /** The rows a round seals of one table: late commits into open gaps, then new rows; their {@code _AUD} rows. */
    private record Batch(String table, Map<Long, Map<String, String>> late, Map<Long, Map<String, String>> fresh,
                         Map<Long, List<SealedRows.AudRow>> aud, long high) {
        boolean isEmpty() {
            return late.isEmpty() && fresh.isEmpty();
        }
    }

    /**
     * Late commits in open gaps, then new rows above the high-water mark (opening gaps for skipped ids); the
     * manifest entry of every table read goes into {@code seen}.
     */
    private Batch readRows(Connection c, String table, long high, Instant now, Map<String, String> seen)
            throws SQLException {
        Map<Long, Map<String, String>> late = SealedRows.read(c, table,
                "id in (select ref_id from attest_seal_gap where ref_table = ?)", 0, seen, table);
        if (!late.isEmpty()) {
            try (PreparedStatement delete = c.prepareStatement("delete from attest_seal_gap where ref_table = ? and ref_id = ?")) {
                for (Long id : late.keySet()) {
                    delete.setString(1, table);
                    delete.setLong(2, id);
                    delete.addBatch();
                }
                delete.executeBatch();
            }
        }
        Map<Long, Map<String, String>> fresh = SealedRows.read(c, table, "id > ?", settings.batchSize(), seen, high);
        long last = high;
        if (!fresh.isEmpty()) {
            try (PreparedStatement gap = c.prepareStatement(
                    "insert into attest_seal_gap (ref_table, ref_id, opened_at) values (?, ?, ?)")) {
                long expected = high + 1;
                for (Long id : fresh.keySet()) {
                    for (long skipped = expected; skipped < id; skipped++) {
                        gap.setString(1, table);
                        gap.setLong(2, skipped);
                        gap.setTimestamp(3, Timestamp.from(now));
                        gap.addBatch();
                    }
                    expected = id + 1;
                }
                gap.executeBatch();
            }
            for (Long id : fresh.keySet()) {
                last = id;
            }
        }
        Map<Long, List<SealedRows.AudRow>> aud = new HashMap<>();
        if (table.equals(Preimages.REVISION_TABLE)) {
            for (Map<Long, Map<String, String>> rows : List.of(late, fresh)) {
                if (!rows.isEmpty()) {
                    long min = Long.MAX_VALUE;
                    long max = Long.MIN_VALUE;
                    for (Long id : rows.keySet()) {
                        min = Math.min(min, id);
                        max = Math.max(max, id);
                    }
                    aud.putAll(SealedRows.audRows(c, audTables, min, max, seen));
                }
            }
        }
        return new Batch(table, late, fresh, aud, last);
    }

    /** Appends a manifest leaf when the columns seen differ from the last manifest's (or none was sealed yet). */
    private void manifest(Connection c, Map<String, String> seen, Merkle.Frontier frontier, List<Object[]> leaves)
            throws SQLException {
        Manifests.Manifest last = Manifests.last(c);
        Manifests.Manifest current = last.with(seen);
        if (current == last) {
            return;
        }
        byte[] hash = Merkle.leafHash(Manifests.preimage(current));
        leaves.add(new Object[] {frontier.size(), Preimages.MANIFEST, Preimages.MANIFEST_TABLE, current.id(), null,
                Hashes.hex(hash), current.json()});
        frontier.append(hash);
    }

    private void append(Batch batch, Merkle.Frontier frontier, List<Object[]> leaves) {
        append(batch.table(), batch.late(), batch.aud(), frontier, leaves);
        append(batch.table(), batch.fresh(), batch.aud(), frontier, leaves);
    }

    private void append(String table, Map<Long, Map<String, String>> rows, Map<Long, List<SealedRows.AudRow>> aud,
                        Merkle.Frontier frontier, List<Object[]> leaves) {
        boolean revisions = table.equals(Preimages.REVISION_TABLE);
        LeafWriter writer = new LeafWriter();
        for (Map.Entry<Long, Map<String, String>> row : rows.entrySet()) {
            byte[] salt = new byte[16];
            RANDOM.nextBytes(salt);
            byte[] hash;
            String digests = null;
            if (revisions) {
                digests = SealedRows.labelled(aud.get(row.getKey()), salt, writer);
                hash = writer.revisionLeaf(row.getKey(), row.getValue(), SealedRows.unlabelled(digests), salt);
            } else {
                hash = writer.eventLeaf(row.getKey(), row.getValue(), salt);
            }
            leaves.add(new Object[] {frontier.size(), revisions ? Preimages.REVISION : Preimages.EVENT, table,
                    row.getKey(), Hashes.base64url(salt), Hashes.hex(hash), digests});
            frontier.append(hash);
        }
    }

    /** Gaps older than the horizon: a control leaf each, naming the FAILURE row that replaced it if there is one. */
    private void closeGaps(Connection c, Instant now, Merkle.Frontier frontier, List<Object[]> leaves) throws SQLException {
        List<Object[]> closing = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("select g.ref_table, g.ref_id, (select min(e.id) from attest_event e "
                + "where g.ref_table = 'attest_event' and e.replaces_id = g.ref_id) from attest_seal_gap g "
                + "where g.opened_at < ? order by g.ref_table, g.ref_id")) {
            s.setTimestamp(1, Timestamp.from(now.minus(settings.gapHorizon())));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    long replacedBy = rs.getLong(3);
                    Long explained = rs.wasNull() ? null : replacedBy;
                    closing.add(new Object[] {rs.getString(1), rs.getLong(2), explained});
                }
            }
        }
        if (closing.isEmpty()) {
            return;
        }
        try (PreparedStatement delete = c.prepareStatement("delete from attest_seal_gap where ref_table = ? and ref_id = ?")) {
            for (Object[] gap : closing) {
                String table = (String) gap[0];
                long id = (Long) gap[1];
                byte[] hash = Merkle.leafHash(Preimages.gap(table, id, (Long) gap[2]));
                leaves.add(new Object[] {frontier.size(), Preimages.GAP, table, id, null, Hashes.hex(hash),
                        gap[2] == null ? null : gap[2].toString()});
                frontier.append(hash);
                delete.setString(1, table);
                delete.setLong(2, id);
                delete.addBatch();
            }
            delete.executeBatch();
        }
    }

    /**
     * Signs a checkpoint of this state and appends it to the checkpoint file, then logs it, unless the file
     * already holds one of this size or larger (and no heartbeat is due). Returns the checkpoint written, or null.
     */
    public Checkpoint checkpoint(long size, byte[] root, Instant now) throws IOException {
        synchronized (FILE_LOCK) {
            Path file = settings.checkpointFile();
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
                 FileLock ignored = channel.lock()) {
                Checkpoint last = lastCheckpoint(file);
                if (last != null && (last.size() > size || (last.size() == size
                        && Instant.parse(last.time()).plus(settings.heartbeat()).isAfter(now)))) {
                    return null;
                }
                if (last == null && size == 0) {
                    return null;
                }
                Checkpoint checkpoint = Checkpoint.of(settings.origin(), size, root, now, last == null ? null : last.hash());
                for (SealSettings.SigningKey key : settings.keys()) {
                    checkpoint = checkpoint.signedBy(key.privateKey(), key.publicKey());
                }
                fault(AFTER_SIGNING);
                channel.position(channel.size());
                channel.write(java.nio.ByteBuffer.wrap((checkpoint.json() + "\n").getBytes(StandardCharsets.UTF_8)));
                channel.force(true);
                fault(AFTER_FILE_WRITE);
                CHECKPOINTS.info("attest checkpoint " + checkpoint.json());
                return checkpoint;
            }
        }
    }

    /** The last checkpoint of a checkpoint file, or null when it has none. */
    public static Checkpoint lastCheckpoint(Path file) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            long length = raf.length();
            if (length == 0) {
                return null;
            }
            long from = Math.max(0, length - 16_384);
            byte[] tail = new byte[(int) (length - from)];
            raf.seek(from);
            raf.readFully(tail);
            String[] lines = new String(tail, StandardCharsets.UTF_8).split("\n");
            for (int i = lines.length - 1; i >= 0; i--) {
                if (!lines[i].isBlank()) {
                    return Checkpoint.parse(lines[i].trim());
                }
            }
            return null;
        }
    }

    /** Copies a written checkpoint into the database (in the caller's transaction), for convenience only. */
    public static void copy(Connection c, Checkpoint checkpoint) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "insert into attest_seal_checkpoint (hash, tree_size, checkpoint) values (?, ?, ?)")) {
            s.setString(1, checkpoint.hash());
            s.setLong(2, checkpoint.size());
            s.setString(3, checkpoint.json());
            s.executeUpdate();
        }
    }

    public SealSettings settings() {
        return settings;
    }
}
