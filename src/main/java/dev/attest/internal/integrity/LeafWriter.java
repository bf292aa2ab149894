package dev.attest.internal.integrity;

import java.nio.charset.StandardCharsets;
import java.security.DigestException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Writes the canonical preimages of {@link Preimages} straight into one reused UTF-8 buffer and hashes them, with
 * HMAC-SHA256 computed on one reused SHA-256 digest: no maps, strings or {@code Mac} objects per leaf, which is
 * what sealing and verifying a million rows costs otherwise. The bytes are those of RFC 8785 over the shapes
 * documented in {@code docs/integrity.md} ({@code LeafWriterTest} holds them to {@link Json#canonical}).
 * Not thread-safe: one writer per sealer round or verifier.
 */
public final class LeafWriter {

    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] BASE64URL =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] COMMITMENT = Preimages.COMMITMENT.getBytes(StandardCharsets.US_ASCII);
    private static final int BLOCK = 64;

    private final MessageDigest sha = Hashes.sha256();
    private byte[] out = new byte[2048];
    private int length;
    private byte[] scratch = new byte[256];
    private final byte[] pad = new byte[BLOCK];
    private final byte[] inner = new byte[32];
    private final byte[] columnKey = new byte[32];
    private final byte[] mac = new byte[32];

    /** The leaf hash of event {@code id} (its columns without {@code id}). */
    public byte[] eventLeaf(long id, Map<String, String> columns, byte[] salt) {
        writeEvent(id, columns, salt);
        return leafHash();
    }

    /**
     * The leaf hash of event {@code id} from a proof that withholds some personal columns: {@code withheld} maps each
     * to its commitment, which enters the preimage as is. Throws {@link IllegalArgumentException} for a withheld
     * column that is not personal, is also among {@code columns}, or is not a commitment.
     */
    public byte[] eventLeaf(long id, Map<String, String> columns, Map<String, String> withheld, byte[] salt) {
        Map<String, String> all = new TreeMap<>(columns);
        withheld.forEach((name, commitment) -> {
            if (!Preimages.PERSONAL_EVENT_COLUMNS.contains(name) || columns.containsKey(name) || commitment == null
                    || !commitment.startsWith(Preimages.COMMITMENT)) {
                throw new IllegalArgumentException("withheld column " + name
                        + ": only a personal column absent from the columns, given as its commitment");
            }
            all.put(name, commitment);
        });
        length = 0;
        put((byte) '{');
        columns(Preimages.EVENT_TABLE, all, Preimages.PERSONAL_EVENT_COLUMNS, withheld.keySet(), salt);
        tail(id, Preimages.EVENT, Preimages.EVENT_TABLE);
        return leafHash();
    }

    /** The preimage of event {@code id}. */
    public byte[] eventPreimage(long id, Map<String, String> columns, byte[] salt) {
        writeEvent(id, columns, salt);
        return Arrays.copyOf(out, length);
    }

    /** The leaf hash of revision {@code id} with the digests of its {@code _AUD} rows (in any order). */
    public byte[] revisionLeaf(long id, Map<String, String> columns, List<String> audDigests, byte[] salt) {
        writeRevision(id, columns, audDigests, salt);
        return leafHash();
    }

    /** The preimage of revision {@code id}. */
    public byte[] revisionPreimage(long id, Map<String, String> columns, List<String> audDigests, byte[] salt) {
        writeRevision(id, columns, audDigests, salt);
        return Arrays.copyOf(out, length);
    }

    /** The preimage of the control leaf closing the gap at {@code id} of {@code table}. */
    public byte[] gapPreimage(String table, long id, Long replacedBy) {
        length = 0;
        ascii("{\"columns\":{\"closed\":");
        string(replacedBy == null ? "horizon" : "rolled-back");
        ascii(",\"replaced_by\":");
        if (replacedBy == null) {
            ascii("null");
        } else {
            string(replacedBy.toString());
        }
        ascii("}");
        tail(id, Preimages.GAP, table);
        return Arrays.copyOf(out, length);
    }

    /** The hex SHA-256 of one {@code _AUD} row of {@code table} (lower case), values committed under {@code salt}. */
    public String audDigest(String table, Map<String, String> columns, byte[] salt) {
        length = 0;
        ascii("{\"columns\":{");
        boolean first = true;
        for (Map.Entry<String, String> column : sorted(columns).entrySet()) {
            if (Preimages.EXCLUDED_AUD_COLUMNS.contains(column.getKey())) {
                continue;
            }
            if (!first) {
                put((byte) ',');
            }
            first = false;
            member(table, column.getKey(), column.getValue(), !Preimages.CLEAR_AUD_COLUMNS.contains(column.getKey()), salt);
        }
        ascii("},\"table\":");
        string(table);
        put((byte) '}');
        sha.update(out, 0, length);
        return Hashes.hex(sha.digest());
    }

    /** {@code hmac-sha256:} and the base64url HMAC of {@code value} under the column key derived from {@code salt}. */
    public String commitment(byte[] salt, String table, String column, String value) {
        commit(salt, table, column, value);
        length = 0;
        writeCommitment();
        return new String(out, 0, length, StandardCharsets.US_ASCII);
    }

    private void writeEvent(long id, Map<String, String> columns, byte[] salt) {
        length = 0;
        put((byte) '{');
        columns(Preimages.EVENT_TABLE, columns, Preimages.PERSONAL_EVENT_COLUMNS, Set.of(), salt);
        tail(id, Preimages.EVENT, Preimages.EVENT_TABLE);
    }

    private void writeRevision(long id, Map<String, String> columns, List<String> audDigests, byte[] salt) {
        String[] digests = audDigests.toArray(new String[0]);
        Arrays.sort(digests);
        length = 0;
        ascii("{\"aud\":[");
        for (int i = 0; i < digests.length; i++) {
            if (i > 0) {
                put((byte) ',');
            }
            string(digests[i]);
        }
        ascii("],");
        columns(Preimages.REVISION_TABLE, columns, Preimages.PERSONAL_REVISION_COLUMNS, Set.of(), salt);
        tail(id, Preimages.REVISION, Preimages.REVISION_TABLE);
    }

    /** {@code "columns":{...}} of a leaf, personal columns committed (those in {@code committed} are already). */
    private void columns(String table, Map<String, String> columns, Set<String> personal, Set<String> committed,
                         byte[] salt) {
        ascii("\"columns\":{");
        boolean first = true;
        for (Map.Entry<String, String> column : sorted(columns).entrySet()) {
            if (!first) {
                put((byte) ',');
            }
            first = false;
            member(table, column.getKey(), column.getValue(),
                    personal.contains(column.getKey()) && !committed.contains(column.getKey()), salt);
        }
        put((byte) '}');
    }

    private void member(String table, String name, String value, boolean personal, byte[] salt) {
        string(name);
        put((byte) ':');
        if (value == null) {
            ascii("null");
        } else if (personal) {
            commit(salt, table, name, value);
            put((byte) '"');
            writeCommitment();
            put((byte) '"');
        } else {
            string(value);
        }
    }

    /** {@code ,"id":"..","kind":"..","table":"..","v":1}} after the members that sort before {@code id}. */
    private void tail(long id, String kind, String table) {
        ascii(",\"id\":\"");
        ascii(Long.toString(id));
        ascii("\",\"kind\":");
        string(kind);
        ascii(",\"table\":");
        string(table);
        ascii(",\"v\":" + Preimages.VERSION + "}");
    }

    private static SortedMap<String, String> sorted(Map<String, String> columns) {
        // String.compareTo orders by UTF-16 code units, as JCS requires
        return columns instanceof SortedMap<String, String> s && s.comparator() == null ? s : new TreeMap<>(columns);
    }

    private byte[] leafHash() {
        sha.update((byte) 0);
        sha.update(out, 0, length);
        return sha.digest();
    }

    /** Sets {@link #mac} to HMAC(HMAC(salt, "table.column"), value). */
    private void commit(byte[] salt, String table, String column, String value) {
        int n = utf8(table + "." + column);
        hmac(salt, salt.length, scratch, n, columnKey);
        n = utf8(value);
        hmac(columnKey, columnKey.length, scratch, n, mac);
    }

    private void writeCommitment() {
        append(COMMITMENT, COMMITMENT.length);
        // 32 bytes: ten groups of three, then two bytes as three characters (no padding)
        reserve(43);
        int i = 0;
        for (; i + 3 <= mac.length; i += 3) {
            int bits = (mac[i] & 0xff) << 16 | (mac[i + 1] & 0xff) << 8 | (mac[i + 2] & 0xff);
            out[length++] = BASE64URL[bits >>> 18];
            out[length++] = BASE64URL[bits >>> 12 & 63];
            out[length++] = BASE64URL[bits >>> 6 & 63];
            out[length++] = BASE64URL[bits & 63];
        }
        int bits = (mac[i] & 0xff) << 16 | (mac[i + 1] & 0xff) << 8;
        out[length++] = BASE64URL[bits >>> 18];
        out[length++] = BASE64URL[bits >>> 12 & 63];
        out[length++] = BASE64URL[bits >>> 6 & 63];
    }

    /** RFC 2104 HMAC-SHA256 of {@code data[0..n)} under {@code key[0..keyLength)}, into {@code result}. */
    private void hmac(byte[] key, int keyLength, byte[] data, int n, byte[] result) {
        byte[] k = key;
        int kn = keyLength;
        if (kn > BLOCK) {
            sha.update(key, 0, keyLength);
            k = sha.digest();
            kn = k.length;
        }
        try {
            Arrays.fill(pad, (byte) 0x36);
            for (int i = 0; i < kn; i++) {
                pad[i] = (byte) (k[i] ^ 0x36);
            }
            sha.update(pad);
            sha.update(data, 0, n);
            sha.digest(inner, 0, 32);
            Arrays.fill(pad, (byte) 0x5c);
            for (int i = 0; i < kn; i++) {
                pad[i] = (byte) (k[i] ^ 0x5c);
            }
            sha.update(pad);
            sha.update(inner);
            sha.digest(result, 0, 32);
        } catch (DigestException e) {
            throw new IllegalStateException(e);
        }
    }

    /** UTF-8 of {@code s} into {@link #scratch}; returns its length. */
    private int utf8(String s) {
        int n = s.length();
        if (scratch.length < n * 3) {
            scratch = new byte[Math.max(n * 3, scratch.length * 2)];
        }
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
                if (scratch.length < bytes.length) {
                    scratch = new byte[bytes.length];
                }
                System.arraycopy(bytes, 0, scratch, 0, bytes.length);
                return bytes.length;
            }
            scratch[i] = (byte) c;
        }
        return n;
    }

    /** A JSON string of {@code s}, escaped as RFC 8785 requires, in UTF-8. */
    private void string(String s) {
        int n = s.length();
        reserve(n * 6 + 2);
        out[length++] = '"';
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c < 0x80) {
                if (c == '"' || c == '\\') {
                    out[length++] = '\\';
                }
                out[length++] = (byte) c;
            } else if (c < 0x20) {
                out[length++] = '\\';
                switch (c) {
                    case '\b' -> out[length++] = 'b';
                    case '\f' -> out[length++] = 'f';
                    case '\n' -> out[length++] = 'n';
                    case '\r' -> out[length++] = 'r';
                    case '\t' -> out[length++] = 't';
                    default -> {
                        out[length++] = 'u';
                        out[length++] = '0';
                        out[length++] = '0';
                        out[length++] = HEX[c >> 4];
                        out[length++] = HEX[c & 15];
                    }
                }
            } else if (c < 0x800) {
                out[length++] = (byte) (0xc0 | c >> 6);
                out[length++] = (byte) (0x80 | c & 0x3f);
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, s.charAt(++i));
                out[length++] = (byte) (0xf0 | cp >> 18);
                out[length++] = (byte) (0x80 | cp >> 12 & 0x3f);
                out[length++] = (byte) (0x80 | cp >> 6 & 0x3f);
                out[length++] = (byte) (0x80 | cp & 0x3f);
            } else if (Character.isSurrogate(c)) {
                // a lone surrogate: what String.getBytes(UTF_8) writes for it
                out[length++] = '?';
            } else {
                out[length++] = (byte) (0xe0 | c >> 12);
                out[length++] = (byte) (0x80 | c >> 6 & 0x3f);
                out[length++] = (byte) (0x80 | c & 0x3f);
            }
        }
        out[length++] = '"';
    }

    private void ascii(String s) {
        int n = s.length();
        reserve(n);
        for (int i = 0; i < n; i++) {
            out[length++] = (byte) s.charAt(i);
        }
    }

    private void put(byte b) {
        reserve(1);
        out[length++] = b;
    }

    private void append(byte[] bytes, int n) {
        reserve(n);
        System.arraycopy(bytes, 0, out, length, n);
        length += n;
    }

    private void reserve(int n) {
        if (length + n > out.length) {
            out = Arrays.copyOf(out, Math.max(out.length * 2, length + n));
        }
    }
}
