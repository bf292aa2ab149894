package dev.attest.internal.integrity;

import java.util.List;
import java.util.Map;
import java.util.Set;

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

    /** The preimage of revision {@code id} with the digests of its {@code _AUD} rows ({@link #audDigest}). */
    public static byte[] revision(long id, Map<String, String> columns, List<String> audDigests, byte[] salt) {
        return new LeafWriter().revisionPreimage(id, columns, audDigests, salt);
    }

    /** The hex SHA-256 of one {@code _AUD} row of table {@code table} (lower case), values committed under {@code salt}. */
    public static String audDigest(String table, Map<String, String> columns, byte[] salt) {
        return new LeafWriter().audDigest(table, columns, salt);
    }

    /**
     * The preimage of a control leaf closing the gap at {@code id} of {@code table}: {@code replacedBy} is the id of
     * the FAILURE event that names it (an explained gap), or null when the horizon closed it.
     */
    public static byte[] gap(String table, long id, Long replacedBy) {
        return new LeafWriter().gapPreimage(table, id, replacedBy);
    }

    /** {@code hmac-sha256:} and the base64url HMAC of the value under the column key derived from the salt. */
    public static String commitment(byte[] salt, String table, String column, String value) {
        return new LeafWriter().commitment(salt, table, column, value);
    }
}
