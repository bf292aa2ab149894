package dev.attest.internal.integrity;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;

/**
 * Manifest leaves: the columns of each sealed table, sealed whenever they differ from the last manifest, so that
 * a column added later leaves the older leaves verifiable. A data leaf is hashed over the columns of the manifest
 * in force when it was sealed (the last manifest leaf before it); a leaf before any manifest over the row's
 * columns as they are. Documented in section 4 of {@code docs/integrity.md}.
 */
public final class Manifests {

    private Manifests() {
    }

    /** A sealed manifest: its number and, by table (lower case), its entry ({@code name:type,...}). */
    public static final class Manifest {
        private final long id;
        private final Map<String, String> tables;
        private final Map<String, Set<String>> names = new java.util.concurrent.ConcurrentHashMap<>();

        public Manifest(long id, Map<String, String> tables) {
            this.id = id;
            this.tables = Collections.unmodifiableMap(new TreeMap<>(tables));
        }

        public long id() {
            return id;
        }

        public Map<String, String> tables() {
            return tables;
        }

        /** The column names of {@code table} in this manifest, or null when it does not name the table. */
        public Set<String> names(String table) {
            String entry = tables.get(table);
            return entry == null ? null : names.computeIfAbsent(table, t -> Manifests.names(entry));
        }

        /** The canonical JSON kept beside the leaf ({@code attest_seal_leaf.aud_digests}). */
        public String json() {
            return Json.canonical(tables);
        }

        /** This manifest with the tables of {@code seen} as seen now; itself when nothing differs. */
        public Manifest with(Map<String, String> seen) {
            Map<String, String> merged = new TreeMap<>(tables);
            merged.putAll(seen);
            return merged.equals(tables) ? this : new Manifest(id + 1, merged);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Manifest m && m.id == id && m.tables.equals(tables);
        }

        @Override
        public int hashCode() {
            return Long.hashCode(id) * 31 + tables.hashCode();
        }
    }

    /** The manifest of an empty log (number 0, no table): the first table seen makes manifest 1. */
    public static final Manifest NONE = new Manifest(0, Map.of());

    /** The preimage of manifest leaf {@code id}. */
    public static byte[] preimage(Manifest manifest) {
        return Preimages.manifest(manifest.id(), manifest.tables());
    }

    /** Parses the JSON kept beside a manifest leaf; throws {@link IllegalArgumentException} when it is not one. */
    @SuppressWarnings("unchecked")
    public static Manifest parse(long id, String json) {
        Map<String, String> tables = new TreeMap<>();
        Object parsed;
        try {
            parsed = Json.parse(json);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a manifest: " + e.getMessage(), e);
        }
        if (!(parsed instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("not a manifest");
        }
        ((Map<String, Object>) map).forEach((table, entry) -> {
            if (!(entry instanceof String s)) {
                throw new IllegalArgumentException("manifest entry of " + table + " is not a string");
            }
            tables.put(table, s);
        });
        return new Manifest(id, tables);
    }

    /** The newest manifest of the log, or {@link #NONE}. */
    public static Manifest last(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("select ref_id, aud_digests from attest_seal_leaf "
                + "where ref_table = ? order by ref_id desc fetch first 1 rows only")) {
            s.setString(1, Preimages.MANIFEST_TABLE);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? parse(rs.getLong(1), rs.getString(2)) : NONE;
            }
        }
    }

    /** The manifest in force at leaf {@code index} (the last one before it), or null when none precedes it. */
    public static Manifest inForce(Connection c, long index) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("select ref_id, aud_digests from attest_seal_leaf "
                + "where ref_table = ? and leaf_index < ? order by ref_id desc fetch first 1 rows only")) {
            s.setString(1, Preimages.MANIFEST_TABLE);
            s.setLong(2, index);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? parse(rs.getLong(1), rs.getString(2)) : null;
            }
        }
    }

    /** Every manifest of the log by its leaf index: the one in force at leaf {@code i} is {@code lowerEntry(i)}. */
    public static NavigableMap<Long, Manifest> byLeafIndex(Connection c) throws SQLException {
        NavigableMap<Long, Manifest> manifests = new TreeMap<>();
        try (PreparedStatement s = c.prepareStatement("select leaf_index, ref_id, aud_digests from attest_seal_leaf "
                + "where ref_table = ?")) {
            s.setString(1, Preimages.MANIFEST_TABLE);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    manifests.put(rs.getLong(1), parse(rs.getLong(2), rs.getString(3)));
                }
            }
        }
        return manifests;
    }

    /** The column names of a manifest entry, in its order. */
    public static Set<String> names(String entry) {
        Set<String> names = new LinkedHashSet<>();
        if (!entry.isEmpty()) {
            for (String column : entry.split(",")) {
                int colon = column.lastIndexOf(':');
                names.add(colon < 0 ? column : column.substring(0, colon));
            }
        }
        return Collections.unmodifiableSet(names);
    }

    /**
     * The columns of {@code row} as sealed under {@code manifest}: those it names for {@code table}, a column it
     * names that the row lacks as null; the row as it is when {@code manifest} is null or does not name the table.
     */
    public static Map<String, String> sealed(Manifest manifest, String table, Map<String, String> row) {
        Set<String> names = manifest == null ? null : manifest.names(table);
        if (names == null || row.size() == names.size() && row.keySet().containsAll(names)) {
            return row;
        }
        Map<String, String> out = new TreeMap<>();
        names.forEach(name -> out.put(name, row.get(name)));
        return out;
    }

    /** The columns of {@code row} that {@code names} lacks and that hold a value: not covered by the seal. */
    public static List<String> uncovered(Set<String> names, Map<String, String> row) {
        List<String> out = new ArrayList<>();
        row.forEach((name, value) -> {
            if (value != null && !names.contains(name)) {
                out.add(name);
            }
        });
        return out;
    }
}
