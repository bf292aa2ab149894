package dev.attest.internal.integrity;

import java.util.Map;
import java.util.TreeMap;

/**
 * What an erasure keeps of a sealed row whose salt it removed ({@code attest_erased_row.commitments}): for each
 * personal column of the row, by {@code table.column}, either the commitment of the erased value
 * ({@code hmac-sha256:...}, the value is gone) or the column key of a value that stays ({@code key:<base64url>}).
 * A column key derives from the salt one way only, so it reveals nothing about the erased columns. An {@code _AUD}
 * row whose values an erasure emptied (set to null) has one entry of its own, named {@code aud:<table>:<key>}
 * ({@code <key>} the canonical JSON of the row's key columns, such as {@code {"id":"7"}}), holding the canonical
 * JSON of the emptied columns' commitments: other rows of the same table in the revision keep theirs.
 */
public final class ErasedRow {

    static final String KEY = "key:";
    static final String AUD = "aud:";

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

        /**
         * The {@code _AUD} row of {@code table} identified by {@code key} (its key columns' values) loses
         * {@code values} (by column): their commitments stay, in this row's own entry.
         */
        public Builder erasedAud(String table, Map<String, String> key, Map<String, String> values) {
            String name = AUD + table + ":" + Json.canonical(new TreeMap<>(key));
            Map<String, String> commitments = new TreeMap<>();
            if (entries.containsKey(name)) {
                parse(entries.get(name), commitments);
            }
            values.forEach((column, value) -> {
                if (value == null) {
                    return;
                }
                if (salt != null) {
                    commitments.put(column, Preimages.commitment(salt, table, column, value));
                } else {
                    String columnKey = entries.get(table + "." + column);
                    if (columnKey != null && columnKey.startsWith(KEY)) {
                        commitments.put(column, Preimages.commitment(Hashes.unbase64url(columnKey.substring(KEY.length())), value));
                    }
                }
            });
            entries.put(name, Json.canonical(commitments));
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
        return new Preimages.Committer() {
            @Override
            public String commit(String table, String column, String value) {
                String entry = entries.get(table + "." + column);
                if (entry == null) {
                    return "unverifiable";
                }
                if (entry.startsWith(KEY)) {
                    return Preimages.commitment(Hashes.unbase64url(entry.substring(KEY.length())), value);
                }
                return entry;
            }

            @Override
            public Map<String, String> erasedAud(String table, Map<String, String> columns) {
                String prefix = AUD + table + ":";
                for (Map.Entry<String, String> entry : entries.entrySet()) {
                    if (!entry.getKey().startsWith(prefix)) {
                        continue;
                    }
                    Map<String, String> key = new TreeMap<>();
                    parse(entry.getKey().substring(prefix.length()), key);
                    if (key.entrySet().stream().allMatch(k -> k.getValue().equals(columns.get(k.getKey())))) {
                        Map<String, String> commitments = new TreeMap<>();
                        parse(entry.getValue(), commitments);
                        return commitments;
                    }
                }
                return Map.of();
            }
        };
    }

    /** The number of {@code _AUD} rows this row's erasures emptied. */
    public long audRows() {
        return entries.keySet().stream().filter(k -> k.startsWith(AUD)).count();
    }

    @SuppressWarnings("unchecked")
    private static void parse(String json, Map<String, String> into) {
        ((Map<String, Object>) Json.parse(json)).forEach((k, v) -> into.put(k, (String) v));
    }
}
