package dev.attest.internal.integrity;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Reads the rows the log seals, as the sealer and the verifier both see them. */
public final class SealedRows {

    private SealedRows() {
    }

    /** The Envers audit tables of the connection's schema: names ending in {@code _aud} with a {@code rev} column, lower case. */
    public static List<String> audTables(Connection c) throws SQLException {
        DatabaseMetaData meta = c.getMetaData();
        List<String> tables = new ArrayList<>();
        try (ResultSet rs = meta.getTables(c.getCatalog(), c.getSchema(), "%", new String[] {"TABLE"})) {
            while (rs.next()) {
                String name = rs.getString("TABLE_NAME");
                if (name.toLowerCase(Locale.ROOT).endsWith("_aud")) {
                    tables.add(name);
                }
            }
        }
        List<String> withRev = new ArrayList<>();
        for (String table : tables) {
            try (ResultSet rs = meta.getColumns(c.getCatalog(), c.getSchema(), table, "%")) {
                while (rs.next()) {
                    if (rs.getString("COLUMN_NAME").equalsIgnoreCase("rev")) {
                        withRev.add(table.toLowerCase(Locale.ROOT));
                        break;
                    }
                }
            }
        }
        withRev.sort(null);
        return withRev;
    }

    /** Rows of {@code table} matching {@code where} (with {@code params}), by id, in id order, without {@code id}. */
    public static Map<Long, Map<String, String>> rows(Connection c, String table, String where, Object... params)
            throws SQLException {
        return limited(c, table, where, 0, params);
    }

    /** Like {@link #rows(Connection, String, String, Object...)}, at most {@code limit} rows (0: all). */
    public static Map<Long, Map<String, String>> limited(Connection c, String table, String where, int limit,
                                                        Object... params) throws SQLException {
        return read(c, table, where, limit, new HashMap<>(), params);
    }

    /**
     * Like {@link #limited}, also putting into {@code seen} the manifest entry of the columns read
     * ({@link Rows.Reader#describe}) under {@code table}.
     */
    public static Map<Long, Map<String, String>> read(Connection c, String table, String where, int limit,
                                                     Map<String, String> seen, Object... params) throws SQLException {
        Map<Long, Map<String, String>> rows = new LinkedHashMap<>();
        try (PreparedStatement s = c.prepareStatement("select * from " + table + " where " + where + " order by id"
                + (limit > 0 ? " fetch first " + limit + " rows only" : ""))) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            s.setFetchSize(1000);
            try (ResultSet rs = s.executeQuery()) {
                Rows.Reader reader = new Rows.Reader(rs.getMetaData(), Set.of("id"));
                seen.put(table, reader.describe());
                while (rs.next()) {
                    rows.put(rs.getLong("id"), reader.read(rs));
                }
            }
        }
        return rows;
    }

    /** One {@code _AUD} row: its table (lower case) and columns. */
    public record AudRow(String table, Map<String, String> columns) {
        public String digest(LeafWriter writer, byte[] salt) {
            return writer.audDigest(table, columns, salt);
        }

        public String digest(Preimages.Committer committer) {
            return Preimages.audDigest(table, columns, committer);
        }
    }

    /** The {@code _AUD} rows of the revisions between {@code from} and {@code to} (inclusive), by revision. */
    public static Map<Long, List<AudRow>> audRows(Connection c, List<String> audTables, long from, long to)
            throws SQLException {
        return audRows(c, audTables, from, to, new HashMap<>());
    }

    /** Like {@link #audRows(Connection, List, long, long)}, also putting each table's manifest entry into {@code seen}. */
    public static Map<Long, List<AudRow>> audRows(Connection c, List<String> audTables, long from, long to,
                                                  Map<String, String> seen) throws SQLException {
        Map<Long, List<AudRow>> byRevision = new HashMap<>();
        for (String table : audTables) {
            try (PreparedStatement s = c.prepareStatement("select * from " + table + " where rev between ? and ?")) {
                s.setLong(1, from);
                s.setLong(2, to);
                s.setFetchSize(1000);
                try (ResultSet rs = s.executeQuery()) {
                    Rows.Reader reader = new Rows.Reader(rs.getMetaData(), Preimages.EXCLUDED_AUD_COLUMNS);
                    seen.put(table, reader.describe());
                    while (rs.next()) {
                        Map<String, String> row = reader.read(rs);
                        byRevision.computeIfAbsent(Long.parseLong(row.get("rev")), r -> new ArrayList<>())
                                .add(new AudRow(table, row));
                    }
                }
            }
        }
        return byRevision;
    }

    /**
     * The {@code aud_digests} column of a revision leaf: {@code table:digest} of each row, sorted, comma-separated.
     * Not part of the preimage (which holds the digests alone): the verifier uses it to name the row that changed.
     */
    public static String labelled(List<AudRow> rows, byte[] salt, LeafWriter writer) {
        return sortedLabels(rows, r -> r.digest(writer, salt));
    }

    /** Like {@link #labelled(List, byte[], LeafWriter)}, the values committed by {@code committer}. */
    public static String labelled(List<AudRow> rows, Preimages.Committer committer) {
        return sortedLabels(rows, r -> r.digest(committer));
    }

    private static String sortedLabels(List<AudRow> rows, java.util.function.Function<AudRow, String> digest) {
        List<String> out = new ArrayList<>();
        if (rows != null) {
            rows.forEach(r -> out.add(r.table() + ":" + digest.apply(r)));
        }
        out.sort(null);
        return String.join(",", out);
    }

    /** The digests of an {@code aud_digests} column ({@link #labelled}), without their table names. */
    public static List<String> unlabelled(String labelled) {
        List<String> out = new ArrayList<>();
        if (labelled != null && !labelled.isEmpty()) {
            for (String part : labelled.split(",")) {
                out.add(part.substring(part.indexOf(':') + 1));
            }
        }
        return out;
    }

    /** Receives rows one at a time. */
    public interface RowConsumer {
        void accept(long id, Map<String, String> columns) throws SQLException;
    }

    /** Streams every row of {@code table} in id order, without {@code id}. */
    public static void forEach(Connection c, String table, RowConsumer consumer) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("select * from " + table + " order by id")) {
            s.setFetchSize(2000);
            try (ResultSet rs = s.executeQuery()) {
                Rows.Reader reader = new Rows.Reader(rs.getMetaData(), Set.of("id"));
                while (rs.next()) {
                    consumer.accept(rs.getLong("id"), reader.read(rs));
                }
            }
        }
    }
}
