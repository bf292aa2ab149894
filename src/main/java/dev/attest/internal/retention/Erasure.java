package dev.attest.internal.retention;

import dev.attest.DataSubject;
import dev.attest.Hold;
import dev.attest.internal.integrity.ErasedRow;
import dev.attest.internal.integrity.Hashes;
import dev.attest.internal.integrity.Preimages;
import dev.attest.internal.integrity.SealedRows;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The erasure of one data subject, in the caller's transaction, plain JDBC. Which columns go:
 * <ul>
 * <li>a user: in events they acted in, {@code actor_id}, {@code client_address}, {@code user_agent}, {@code reason},
 * {@code details}, {@code error_message}; in events done on their behalf, {@code on_behalf_of_id}; in revisions,
 * the same for the revision's {@code actor_id}, {@code client_address}, {@code reason} and {@code on_behalf_of_id};</li>
 * <li>an entity: in events whose target it is, {@code target_id} and {@code details}.</li>
 * </ul>
 * A sealed row loses its salt; its commitments (and the column keys of the values that stay) go to
 * {@code attest_erased_row}, and one erasure leaf records the request, the reason, the time, the number of rows and
 * the digest of their keys: never the subject.
 */
final class Erasure {

    /** Erased text columns read this; erased details read {@link #ERASED_DETAILS}. */
    static final String ERASED = "[erased]";
    static final String ERASED_DETAILS = "{\"erased\":true}";

    private static final List<String> ACTOR_EVENT_COLUMNS = List.of("actor_id", "client_address", "user_agent",
            "reason", "details", "error_message");
    private static final List<String> ACTOR_REVISION_COLUMNS = List.of("actor_id", "client_address", "reason");

    /** One kind of row the subject appears in, and the columns erased there. */
    private record Part(String table, String where, List<Object> params, List<String> columns) {
    }

    private Erasure() {
    }

    private static List<Part> parts(DataSubject subject) {
        List<Part> parts = new ArrayList<>();
        if (subject.userId() != null) {
            String user = subject.userId();
            parts.add(new Part(Preimages.EVENT_TABLE, "actor_id = ?", List.of(user), ACTOR_EVENT_COLUMNS));
            parts.add(new Part(Preimages.EVENT_TABLE, "on_behalf_of_id = ?", List.of(user), List.of("on_behalf_of_id")));
            parts.add(new Part(Preimages.REVISION_TABLE, "actor_id = ?", List.of(user), ACTOR_REVISION_COLUMNS));
            parts.add(new Part(Preimages.REVISION_TABLE, "on_behalf_of_id = ?", List.of(user), List.of("on_behalf_of_id")));
        } else {
            parts.add(new Part(Preimages.EVENT_TABLE, "target_type = ? and target_id = ?",
                    List.of(subject.entityType(), subject.entityId()), List.of("target_id", "details")));
        }
        return parts;
    }

    /** Every row to erase, by table and id, with the columns erased in it. */
    static Map<String, Map<Long, Set<String>>> rows(Connection c, DataSubject subject) throws SQLException {
        Map<String, Map<Long, Set<String>>> rows = new TreeMap<>();
        for (Part part : parts(subject)) {
            try (PreparedStatement s = c.prepareStatement("select id from " + part.table() + " where " + part.where())) {
                for (int i = 0; i < part.params().size(); i++) {
                    s.setObject(i + 1, part.params().get(i));
                }
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        rows.computeIfAbsent(part.table(), t -> new TreeMap<>())
                                .computeIfAbsent(rs.getLong(1), id -> new TreeSet<>()).addAll(part.columns());
                    }
                }
            }
        }
        return rows;
    }

    /** The active holds covering any of the subject's rows. */
    static List<Long> blockingHolds(Connection c, DataSubject subject, List<Hold> holds) throws SQLException {
        List<Long> blocking = new ArrayList<>();
        for (Hold hold : holds) {
            HoldPredicates.Sql events = HoldPredicates.events(hold.scope());
            HoldPredicates.Sql revisions = HoldPredicates.revisions(hold.scope());
            for (Part part : parts(subject)) {
                HoldPredicates.Sql covered = part.table().equals(Preimages.EVENT_TABLE) ? events : revisions;
                if (covered == null) {
                    continue;
                }
                List<Object> params = new ArrayList<>(part.params());
                params.addAll(covered.params());
                if (exists(c, part.table(), part.where() + " and " + covered.text(), params)) {
                    blocking.add(hold.id());
                    break;
                }
            }
        }
        return blocking;
    }

    private static boolean exists(Connection c, String table, String where, List<Object> params) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("select 1 from " + table + " where " + where
                + " fetch first 1 rows only")) {
            for (int i = 0; i < params.size(); i++) {
                s.setObject(i + 1, params.get(i));
            }
            try (ResultSet rs = s.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** The {@code commitments} of the erased rows among {@code ids} (a comma-separated id list) of {@code table}. */
    static Map<Long, String> erasedRows(Connection c, String table, String ids) throws SQLException {
        Map<Long, String> rows = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement("select ref_id, commitments from attest_erased_row "
                + "where ref_table = ? and ref_id in (" + ids + ")")) {
            s.setString(1, table);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    rows.put(rs.getLong(1), rs.getString(2));
                }
            }
        }
        return rows;
    }

    /**
     * Erases the rows (from {@link #rows}); with sealing on, keeps the commitments of the sealed ones and appends
     * the erasure leaf. Returns the number of rows changed.
     */
    static int erase(Connection c, Map<String, Map<Long, Set<String>>> rows, boolean sealing, String request,
                     String reason, Instant now) throws SQLException {
        boolean sealed = sealing && ControlLeaves.lock(c);
        long erasureId = sealed ? ControlLeaves.nextId(c, Preimages.ERASURE_TABLE) : 0;
        List<String> keys = new ArrayList<>();
        Set<String> allColumns = new TreeSet<>();
        List<String> audTables = sealed ? SealedRows.audTables(c) : List.of();
        int changed = 0;
        for (Map.Entry<String, Map<Long, Set<String>>> byTable : rows.entrySet()) {
            String table = byTable.getKey();
            boolean events = table.equals(Preimages.EVENT_TABLE);
            Set<String> personal = events ? Preimages.PERSONAL_EVENT_COLUMNS : Preimages.PERSONAL_REVISION_COLUMNS;
            for (Map.Entry<Long, Set<String>> row : byTable.getValue().entrySet()) {
                long id = row.getKey();
                Map<String, String> current = SealedRows.rows(c, table, "id = ?", id).get(id);
                if (current == null) {
                    continue;
                }
                Set<String> erase = new TreeSet<>();
                for (String column : row.getValue()) {
                    String value = current.get(column);
                    if (value != null && !value.equals(ERASED) && !value.equals(ERASED_DETAILS)) {
                        erase.add(column);
                    }
                }
                if (erase.isEmpty()) {
                    continue;
                }
                if (sealed) {
                    String[] leaf = leaf(c, table, id);
                    if (leaf != null) {
                        ErasedRow kept = keep(c, table, id, current, personal, erase, leaf, audTables);
                        store(c, table, id, erasureId, kept);
                        keys.add(table + ":" + id);
                    }
                }
                update(c, table, id, erase);
                allColumns.addAll(erase.stream().map(col -> table + "." + col).toList());
                changed++;
            }
        }
        if (sealed) {
            keys.sort(null);
            Map<String, String> columns = new TreeMap<>();
            columns.put("request", request);
            columns.put("reason", reason);
            columns.put("at", now.toString());
            columns.put("rows", Integer.toString(keys.size()));
            columns.put("columns", String.join(",", allColumns));
            columns.put("rows_sha256", rowsDigest(keys));
            ControlLeaves.append(c, Preimages.ERASURE, Preimages.ERASURE_TABLE, erasureId,
                    Preimages.erasure(erasureId, columns), columns);
        }
        return changed;
    }

    /** The hex SHA-256 of the sorted {@code table:id} keys of an erasure's rows, comma-separated. */
    static String rowsDigest(List<String> sortedKeys) {
        return Hashes.hex(Hashes.sha256(String.join(",", sortedKeys)));
    }

    /** The salt and the stored commitments of {@code table} row {@code id}'s leaf, or null when it is not sealed. */
    private static String[] leaf(Connection c, String table, long id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("select l.salt, (select r.commitments from attest_erased_row r "
                + "where r.ref_table = l.ref_table and r.ref_id = l.ref_id) from attest_seal_leaf l "
                + "where l.ref_table = ? and l.ref_id = ? and l.kind in ('event', 'revision')")) {
            s.setString(1, table);
            s.setLong(2, id);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? new String[] {rs.getString(1), rs.getString(2)} : null;
            }
        }
    }

    private static ErasedRow keep(Connection c, String table, long id, Map<String, String> current, Set<String> personal,
                                  Set<String> erase, String[] leaf, List<String> audTables) throws SQLException {
        ErasedRow.Builder kept = leaf[0] != null ? ErasedRow.under(Hashes.unbase64url(leaf[0]))
                : ErasedRow.parse(leaf[1]).rebuild();
        for (String column : personal) {
            String value = current.get(column);
            if (value == null) {
                continue;
            }
            if (erase.contains(column)) {
                kept.erased(table, column, value);
            } else {
                kept.kept(table, column);
            }
        }
        if (table.equals(Preimages.REVISION_TABLE)) {
            for (SealedRows.AudRow aud : SealedRows.audRows(c, audTables, id, id).getOrDefault(id, List.of())) {
                for (String column : aud.columns().keySet()) {
                    if (!Preimages.CLEAR_AUD_COLUMNS.contains(column)) {
                        kept.kept(aud.table(), column);
                    }
                }
            }
        }
        return kept.build();
    }

    private static void store(Connection c, String table, long id, long erasureId, ErasedRow kept) throws SQLException {
        try (PreparedStatement d = c.prepareStatement("delete from attest_erased_row where ref_table = ? and ref_id = ?")) {
            d.setString(1, table);
            d.setLong(2, id);
            d.executeUpdate();
        }
        try (PreparedStatement s = c.prepareStatement(
                "insert into attest_erased_row (ref_table, ref_id, erasure_id, commitments) values (?, ?, ?, ?)")) {
            s.setString(1, table);
            s.setLong(2, id);
            s.setLong(3, erasureId);
            s.setString(4, kept.json());
            s.executeUpdate();
        }
        try (PreparedStatement s = c.prepareStatement(
                "update attest_seal_leaf set salt = null where ref_table = ? and ref_id = ? and kind in ('event', 'revision')")) {
            s.setString(1, table);
            s.setLong(2, id);
            s.executeUpdate();
        }
    }

    private static void update(Connection c, String table, long id, Set<String> erase) throws SQLException {
        Map<String, String> values = new LinkedHashMap<>();
        erase.forEach(column -> values.put(column, column.equals("details") ? ERASED_DETAILS : ERASED));
        StringBuilder sql = new StringBuilder("update ").append(table).append(" set ");
        sql.append(String.join(", ", values.keySet().stream().map(col -> col + " = ?").toList()));
        sql.append(" where id = ?");
        try (PreparedStatement s = c.prepareStatement(sql.toString())) {
            int p = 1;
            for (String value : values.values()) {
                s.setString(p++, value);
            }
            s.setLong(p, id);
            s.executeUpdate();
        }
    }
}
