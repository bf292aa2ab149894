package dev.attest.internal.integrity;

import java.util.Map;
import java.util.TreeMap;

/**
 * What an erasure keeps of a sealed row whose salt it removed ({@code attest_erased_row.commitments}): for each
 * personal column of the row, by {@code table.column}, either the commitment of the erased value
 * ({@code hmac-sha256:...}, the value is gone) or the column key of a value that stays ({@code key:<base64url>}).
 * A column key derives from the salt one way only, so it reveals nothing about the erased columns.
 */
public final class ErasedRow {

    static final String KEY = "key:";

    private final Map<String, String> entries;

    private ErasedRow(Map<String, String> entries) {
        this.entries = entries;
    }

    /** The stored form: canonical JSON of the entries. */
    public String json() {
        return Json.canonical(new TreeMap<>(entries));
    }

    @SuppressWarnings("unchecked")
    public static ErasedRow parse(String json) {
        Map<String, String> entries = new TreeMap<>();
        ((Map<String, Object>) Json.parse(json)).forEach((k, v) -> entries.put(k, (String) v));
        return new ErasedRow(entries);
    }

    /** Starts the entries of a row sealed under {@code salt}. */
    public static Builder under(byte[] salt) {
        return new Builder(salt);
    }

    /** Starts from these entries, for a row erased again (its salt is gone already). */
    public Builder rebuild() {
        Builder builder = new Builder(null);
        builder.entries.putAll(entries);
        return builder;
    }

    /** Builds the entries of one row. */
    public static final class Builder {
        private final byte[] salt;
        private final Map<String, String> entries = new TreeMap<>();

        Builder(byte[] salt) {
            this.salt = salt;
        }

        /** The value of {@code table.column} is erased: its commitment stays. */
        public Builder erased(String table, String column, String value) {
            String name = table + "." + column;
            if (salt != null) {
                entries.put(name, Preimages.commitment(salt, table, column, value));
            } else if (entries.containsKey(name) && entries.get(name).startsWith(KEY)) {
                entries.put(name, Preimages.commitment(Hashes.unbase64url(entries.get(name).substring(KEY.length())), value));
            }
            return this;
        }

        /** The value of {@code table.column} stays: its column key lets a verifier commit it again. */
        public Builder kept(String table, String column) {
            if (salt != null) {
                entries.putIfAbsent(table + "." + column, KEY + Hashes.base64url(Preimages.columnKey(salt, table, column)));
            }
            return this;
        }

        public ErasedRow build() {
            return new ErasedRow(entries);
        }
    }

    /**
     * The committer of the row: an erased column's stored commitment, a kept column's value under its key. A
     * column the erasure did not provide for cannot be committed (the verifier reports the row as changed).
     */
    public Preimages.Committer committer() {
        return (table, column, value) -> {
            String entry = entries.get(table + "." + column);
            if (entry == null) {
                return "unverifiable";
            }
            if (entry.startsWith(KEY)) {
                return Preimages.commitment(Hashes.unbase64url(entry.substring(KEY.length())), value);
            }
            return entry;
        };
    }
}
