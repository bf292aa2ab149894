package dev.attest.internal.integrity;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The canonical preimages of the leaves of the sealed log, version {@value #VERSION} (documented byte for byte
 * in {@code docs/integrity.md}). A row enters as its columns by lower-case name, each encoded as text
 * ({@link Rows}); personal-data columns enter as salted HMAC commitments. {@link LeafWriter} writes them; a caller
 * hashing many leaves keeps one writer.
 */
public final class Preimages {

    public static final int VERSION = 1;
    public static final String EVENT_TABLE = "attest_event";
    public static final String REVISION_TABLE = "attest_revision";
    public static final String EVENT = "event";
    public static final String REVISION = "revision";
    public static final String GAP = "gap";
    /** A control leaf recording a purge: the leaves whose rows left the database and the archive holding them. */
    public static final String RETENTION = "retention";
    /** A control leaf recording an erasure: when, why, under which request, how many rows; never whose. */
    public static final String ERASURE = "erasure";
    /** A control leaf recording the columns of each sealed table, from which on the leaves are hashed over them. */
    public static final String MANIFEST = "manifest";
    public static final String MANIFEST_TABLE = "attest_manifest";
    public static final String RETENTION_TABLE = "attest_retention";
    public static final String ERASURE_TABLE = "attest_erasure";
    static final String COMMITMENT = "hmac-sha256:";

    /** Columns of the event table that hold personal data. */
    public static final Set<String> PERSONAL_EVENT_COLUMNS = Set.of("actor_id", "on_behalf_of_id", "target_id",
            "client_address", "user_agent", "reason", "details", "error_message");
    /** Columns of the revision table that hold personal data. */
    public static final Set<String> PERSONAL_REVISION_COLUMNS = Set.of("actor_id", "on_behalf_of_id",
            "client_address", "reason");
    /** Columns of an {@code _AUD} row that enter in clear; every other value is a commitment. */
    public static final Set<String> CLEAR_AUD_COLUMNS = Set.of("rev", "revtype");
    /** Columns of an {@code _AUD} row left out: the validity strategy rewrites them after sealing. */
    public static final Set<String> EXCLUDED_AUD_COLUMNS = Set.of("revend", "revend_tstmp");

    private Preimages() {
    }

    /** The preimage of event {@code id} (its columns without {@code id}). */
    public static byte[] event(long id, Map<String, String> columns, byte[] salt) {
        return new LeafWriter().eventPreimage(id, columns, salt);
    }

    /** The preimage of event {@code id} with its personal values committed by {@code committer}. */
    public static byte[] event(long id, Map<String, String> columns, Committer committer) {
        return bytes(leaf(EVENT, EVENT_TABLE, id, committed(EVENT_TABLE, columns, PERSONAL_EVENT_COLUMNS::contains, committer)));
    }

    /** The preimage of revision {@code id} with the digests of its {@code _AUD} rows ({@link #audDigest}). */
    public static byte[] revision(long id, Map<String, String> columns, List<String> audDigests, byte[] salt) {
        return new LeafWriter().revisionPreimage(id, columns, audDigests, salt);
    }

    /** The preimage of revision {@code id}, its personal values committed by {@code committer}. */
    public static byte[] revision(long id, Map<String, String> columns, List<String> audDigests, Committer committer) {
        Map<String, Object> leaf = leaf(REVISION, REVISION_TABLE, id,
                committed(REVISION_TABLE, columns, PERSONAL_REVISION_COLUMNS::contains, committer));
        List<String> sorted = new ArrayList<>(audDigests);
        sorted.sort(null);
        leaf.put("aud", sorted);
        return bytes(leaf);
    }

    /** The hex SHA-256 of one {@code _AUD} row of table {@code table} (lower case), values committed under {@code salt}. */
    public static String audDigest(String table, Map<String, String> columns, byte[] salt) {
        return new LeafWriter().audDigest(table, columns, salt);
    }

    /**
     * The hex SHA-256 of one {@code _AUD} row, its values committed by {@code committer}. A column an erasure
     * emptied enters as the commitment {@link Committer#erasedAud} kept for this row while it is null, and as no
     * commitment at all (so the row reads as changed) when a value came back into it.
     */
    public static String audDigest(String table, Map<String, String> columns, Committer committer) {
        Map<String, String> kept = new TreeMap<>(columns);
        EXCLUDED_AUD_COLUMNS.forEach(kept::remove);
        Map<String, Object> committed = committed(table, kept, c -> !CLEAR_AUD_COLUMNS.contains(c), committer);
        committer.erasedAud(table, kept).forEach((column, commitment) -> {
            if (kept.containsKey(column)) {
                committed.put(column, kept.get(column) == null ? commitment : "erased-value-returned");
            }
        });
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("table", table);
        row.put("columns", committed);
        return Hashes.hex(Hashes.sha256(Json.canonical(row)));
    }

    /**
     * The preimage of a control leaf closing the gap at {@code id} of {@code table}: {@code replacedBy} is the id of
     * the FAILURE event that names it (an explained gap), or null when the horizon closed it.
     */
    public static byte[] gap(String table, long id, Long replacedBy) {
        return new LeafWriter().gapPreimage(table, id, replacedBy);
    }

    /**
     * The preimage of a retention leaf: purge {@code id} removed the rows of the leaves {@code columns.leaves} names
     * after writing them to the archive whose SHA-256 {@code columns.archive_sha256} gives.
     */
    public static byte[] retention(long id, Map<String, String> columns) {
        return bytes(leaf(RETENTION, RETENTION_TABLE, id, new TreeMap<>(columns)));
    }

    /** The preimage of an erasure leaf: request reference, reason, time, row count and digest of the rows erased. */
    public static byte[] erasure(long id, Map<String, String> columns) {
        return bytes(leaf(ERASURE, ERASURE_TABLE, id, new TreeMap<>(columns)));
    }

    /**
     * The preimage of manifest leaf {@code id}: {@code tables} maps each sealed table to its columns,
     * {@code name:type} sorted by name and joined with {@code ,} ({@link Manifests}).
     */
    public static byte[] manifest(long id, Map<String, String> tables) {
        return bytes(leaf(MANIFEST, MANIFEST_TABLE, id, new TreeMap<>(tables)));
    }

    /** {@code hmac-sha256:} and the base64url HMAC of the value under the column key derived from the salt. */
    public static String commitment(byte[] salt, String table, String column, String value) {
        return new LeafWriter().commitment(salt, table, column, value);
    }

    /** The key of column {@code table.column} under a leaf's salt: it commits that column alone. */
    public static byte[] columnKey(byte[] salt, String table, String column) {
        return Hashes.hmac(salt, (table + "." + column).getBytes(StandardCharsets.UTF_8));
    }

    /** {@code hmac-sha256:} and the base64url HMAC of {@code value} under a column key. */
    public static String commitment(byte[] columnKey, String value) {
        return COMMITMENT + Hashes.base64url(Hashes.hmac(columnKey, value.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * Commits a personal value of a row: from the leaf's salt while the row is intact; after an erasure from the
     * column keys and commitments kept for it ({@code attest_erased_row}), the salt being gone.
     */
    public interface Committer {
        String commit(String table, String column, String value);

        /**
         * The commitments an erasure kept for the emptied columns of the {@code _AUD} row {@code columns} of
         * {@code table}, by column; none for a row no erasure touched.
         */
        default Map<String, String> erasedAud(String table, Map<String, String> columns) {
            return Map.of();
        }
    }

    /** The committer of a leaf that still has its salt. */
    public static Committer salted(byte[] salt) {
        return (table, column, value) -> commitment(salt, table, column, value);
    }

    private static Map<String, Object> committed(String table, Map<String, String> columns,
                                                 java.util.function.Predicate<String> personal, Committer committer) {
        Map<String, Object> out = new TreeMap<>();
        columns.forEach((name, value) -> out.put(name,
                value == null || !personal.test(name) ? value : committer.commit(table, name, value)));
        return out;
    }

    private static Map<String, Object> leaf(String kind, String table, long id, Map<String, Object> columns) {
        Map<String, Object> leaf = new TreeMap<>();
        leaf.put("v", (long) VERSION);
        leaf.put("kind", kind);
        leaf.put("table", table);
        leaf.put("id", Long.toString(id));
        leaf.put("columns", columns);
        return leaf;
    }

    private static byte[] bytes(Map<String, Object> leaf) {
        return Json.canonical(leaf).getBytes(StandardCharsets.UTF_8);
    }
}
