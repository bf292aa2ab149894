package dev.attest.internal.retention;

import dev.attest.DataSubject;
import dev.attest.Hold;
import dev.attest.internal.integrity.ErasedRow;
import dev.attest.internal.integrity.Hashes;
import dev.attest.internal.integrity.Preimages;
import dev.attest.internal.integrity.Rows;
import dev.attest.internal.integrity.SealedRows;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
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
 * <li>an entity: in events whose target it is, {@code target_id} and {@code details}; in its Envers {@code _AUD}
 * rows, every column but the key ({@code rev}, {@code revtype}, the entity's id and the validity strategy's
 * {@code revend} columns), set to null. A user whose id is also the id of an entity
 * ({@code attest.erasure.user-entity}) loses that entity's {@code _AUD} values the same way.</li>
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

    /** The Envers {@code _AUD} table of an entity (lower case), its id column and the subject's id as a parameter. */
    record AudSubject(String entityType, String entityId, String table, String keyColumn) {
    }

    /** One {@code _AUD} row to empty: its table, revision, key (column to value) and the values to remove. */
    record AudHit(String table, long revision, String keyColumn, Object keyParam, Map<String, String> key,
                  Map<String, String> values) {
    }

    private Erasure() {
    }

    /** The subject's {@code _AUD} rows that still hold values, in revision order. */
    static List<AudHit> audRows(Connection c, AudSubject aud) throws SQLException {
        List<AudHit> hits = new ArrayList<>();
        if (aud == null) {
            return hits;
        }
        Object param = keyParam(c, aud);
        if (param == null) {
            return hits;
        }
        try (PreparedStatement s = c.prepareStatement("select * from " + aud.table() + " where " + aud.keyColumn()
                + " = ? order by rev")) {
            s.setObject(1, param);
            try (ResultSet rs = s.executeQuery()) {
                Rows.Reader reader = new Rows.Reader(rs.getMetaData(), Preimages.EXCLUDED_AUD_COLUMNS);
                while (rs.next()) {
                    Map<String, String> row = reader.read(rs);
                    Map<String, String> values = new TreeMap<>();
                    row.forEach((column, value) -> {
                        if (value != null && !column.equals(aud.keyColumn()) && !Preimages.CLEAR_AUD_COLUMNS.contains(column)) {
                            values.put(column, value);
                        }
                    });
                    if (!values.isEmpty()) {
                        hits.add(new AudHit(aud.table(), Long.parseLong(row.get("rev")), aud.keyColumn(), param,
                                Map.of(aud.keyColumn(), row.get(aud.keyColumn())), values));
                    }
                }
            }
        }
        return hits;
    }

    /** The subject's id as the key column's type wants it, or null when it cannot be one (no row has it). */
    private static Object keyParam(Connection c, AudSubject aud) throws SQLException {
        int type;
        try (PreparedStatement s = c.prepareStatement("select " + aud.keyColumn() + " from " + aud.table() + " where 1 = 0");
             ResultSet rs = s.executeQuery()) {
            type = rs.getMetaData().getColumnType(1);
        }
        try {
            return switch (type) {
                case Types.BIGINT, Types.INTEGER, Types.SMALLINT, Types.TINYINT -> Long.valueOf(aud.entityId().trim());
                case Types.NUMERIC, Types.DECIMAL -> new java.math.BigDecimal(aud.entityId().trim());
                default -> aud.entityId();
            };
        } catch (NumberFormatException e) {
            return null;
        }
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

    /**
     * The active holds covering any of the subject's rows: its events and revisions, the revisions of its {@code _AUD}
     * rows, and (for those rows) a hold on the entity as a target.
     */
    static List<Long> blockingHolds(Connection c, DataSubject subject, List<Hold> holds, AudSubject aud, List<AudHit> audHits)
            throws SQLException {
        List<Long> blocking = new ArrayList<>();
        String audRevisions = audHits.stream().map(h -> Long.toString(h.revision())).distinct()
                .collect(java.util.stream.Collectors.joining(", "));
        for (Hold hold : holds) {
            HoldPredicates.Sql events = HoldPredicates.events(hold.scope());
            HoldPredicates.Sql revisions = HoldPredicates.revisions(hold.scope());
            if (!audHits.isEmpty()) {
                boolean target = hold.scope().targetType() != null && hold.scope().targetType().equals(aud.entityType())
                        && (hold.scope().targetId() == null || hold.scope().targetId().equals(aud.entityId()))
                        && hold.scope().correlationId() == null && hold.scope().eventIds().isEmpty();
                if (target || revisions != null && exists(c, Preimages.REVISION_TABLE, "id in (" + audRevisions + ") and "
                        + revisions.text(), revisions.params())) {
                    blocking.add(hold.id());
                    continue;
                }
            }
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
    static int erase(Connection c, Map<String, Map<Long, Set<String>>> subjectRows, List<AudHit> audHits, boolean sealing,
                     String request, String reason, Instant now) throws SQLException {
        // the revisions whose _AUD rows are emptied lose their salt too (the leaf covers them), even when the
        // revision row itself keeps its values
        Map<String, Map<Long, Set<String>>> rows = new TreeMap<>();
        subjectRows.forEach((table, byId) -> rows.put(table, new TreeMap<>(byId)));
        Map<Long, List<AudHit>> hitsByRevision = new TreeMap<>();
        for (AudHit hit : audHits) {
            hitsByRevision.computeIfAbsent(hit.revision(), r -> new ArrayList<>()).add(hit);
            rows.computeIfAbsent(Preimages.REVISION_TABLE, t -> new TreeMap<>()).putIfAbsent(hit.revision(), Set.of());
        }
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
                List<AudHit> hits = events ? List.of() : hitsByRevision.getOrDefault(id, List.of());
                if (erase.isEmpty() && hits.isEmpty()) {
                    continue;
                }
                if (sealed) {
                    String[] leaf = leaf(c, table, id);
                    if (leaf != null) {
                        ErasedRow kept = keep(c, table, id, current, personal, erase, leaf, audTables, hits);
                        store(c, table, id, erasureId, kept);
                        keys.add(table + ":" + id);
                    }
                }
                if (!erase.isEmpty()) {
                    update(c, table, id, erase);
                    allColumns.addAll(erase.stream().map(col -> table + "." + col).toList());
                    changed++;
                }
                for (AudHit hit : hits) {
                    empty(c, hit);
                    allColumns.addAll(hit.values().keySet().stream().map(col -> hit.table() + "." + col).toList());
                    changed++;
                }
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
                                  Set<String> erase, String[] leaf, List<String> audTables, List<AudHit> hits)
            throws SQLException {
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
            for (AudHit hit : hits) {
                kept.erasedAud(hit.table(), hit.key(), hit.values());
            }
        }
        return kept.build();
    }

    /** Sets the values of one {@code _AUD} row to null (its key, revision and type stay). */
    private static void empty(Connection c, AudHit hit) throws SQLException {
        String set = String.join(", ", hit.values().keySet().stream().map(col -> col + " = null").toList());
        try (PreparedStatement s = c.prepareStatement("update " + hit.table() + " set " + set + " where rev = ? and "
                + hit.keyColumn() + " = ?")) {
            s.setLong(1, hit.revision());
            s.setObject(2, hit.keyParam());
            s.executeUpdate();
        }
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
