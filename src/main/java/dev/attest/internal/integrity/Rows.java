package dev.attest.internal.integrity;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Rows read as text for the canonical preimage: integers in decimal, decimals without trailing zeros, timestamps
 * in UTC with microseconds, binary in base64url, booleans {@code true}/{@code false}. A column of any other type is
 * refused ({@link #checkEncodable}).
 */
public final class Rows {

    static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'", Locale.ROOT);
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSSSSS", Locale.ROOT);
    private static final Set<String> TEXT_OTHER = Set.of("uuid", "json", "jsonb");

    private Rows() {
    }

    /** The current row of {@code rs}: every column by lower-case name except {@code skip} (lower case). */
    public static Map<String, String> read(ResultSet rs, Set<String> skip) throws SQLException {
        return new Reader(rs.getMetaData(), skip).read(rs);
    }

    /** Reads rows of one result set, its column metadata looked up once. */
    public static final class Reader {
        private final int[] columns;
        private final String[] names;
        private final int[] types;
        private final String[] typeNames;

        public Reader(ResultSetMetaData meta, Set<String> skip) throws SQLException {
            java.util.List<Integer> kept = new java.util.ArrayList<>();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                if (!skip.contains(meta.getColumnLabel(i).toLowerCase(Locale.ROOT))) {
                    kept.add(i);
                }
            }
            columns = kept.stream().mapToInt(Integer::intValue).toArray();
            names = new String[columns.length];
            types = new int[columns.length];
            typeNames = new String[columns.length];
            for (int k = 0; k < columns.length; k++) {
                names[k] = meta.getColumnLabel(columns[k]).toLowerCase(Locale.ROOT);
                types[k] = meta.getColumnType(columns[k]);
                typeNames[k] = meta.getColumnTypeName(columns[k]);
            }
        }

        /**
         * The manifest entry of these columns ({@link Manifests}): {@code name:type} of each, sorted by name and
         * joined with {@code ,}; the type is the encoding class of {@link #typeClass}.
         */
        public String describe() {
            Map<String, String> sorted = new TreeMap<>();
            for (int k = 0; k < columns.length; k++) {
                sorted.put(names[k], typeClass(types[k], typeNames[k]));
            }
            StringBuilder out = new StringBuilder();
            sorted.forEach((name, type) -> out.append(out.isEmpty() ? "" : ",").append(name).append(':').append(type));
            return out.toString();
        }

        public Map<String, String> read(ResultSet rs) throws SQLException {
            Map<String, String> row = new TreeMap<>();
            for (int k = 0; k < columns.length; k++) {
                row.put(names[k], text(rs, columns[k], types[k], typeNames[k]));
            }
            return row;
        }
    }

    /** Throws {@link IllegalStateException} naming {@code table}'s first column of a type the preimage cannot encode. */
    public static void checkEncodable(String table, ResultSetMetaData meta) throws SQLException {
        for (int i = 1; i <= meta.getColumnCount(); i++) {
            if (!encodable(meta.getColumnType(i), meta.getColumnTypeName(i))) {
                throw new IllegalStateException("the sealed log cannot encode column " + table + "."
                        + meta.getColumnLabel(i) + " of type " + meta.getColumnTypeName(i)
                        + " (JDBC type " + meta.getColumnType(i) + ")");
            }
        }
    }

    /**
     * The encoding class of a column type, as a manifest names it: {@code integer}, {@code decimal}, {@code float},
     * {@code boolean}, {@code date}, {@code time}, {@code timestamp}, {@code timestamptz}, {@code binary} or
     * {@code text} (the rows of the table of section 2 of {@code docs/integrity.md}).
     */
    public static String typeClass(int type, String typeName) {
        return switch (type) {
            case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT -> "integer";
            case Types.DECIMAL, Types.NUMERIC -> "decimal";
            case Types.REAL, Types.FLOAT, Types.DOUBLE -> "float";
            case Types.BIT, Types.BOOLEAN -> "boolean";
            case Types.DATE -> "date";
            case Types.TIME -> "time";
            case Types.TIMESTAMP -> typeName != null && typeName.toLowerCase(Locale.ROOT).startsWith("timestamptz")
                    ? "timestamptz" : "timestamp";
            case Types.TIMESTAMP_WITH_TIMEZONE -> "timestamptz";
            case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB -> "binary";
            default -> "text";
        };
    }

    static boolean encodable(int type, String typeName) {
        return switch (type) {
            case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT, Types.DECIMAL, Types.NUMERIC,
                 Types.REAL, Types.FLOAT, Types.DOUBLE, Types.BIT, Types.BOOLEAN, Types.CHAR, Types.VARCHAR,
                 Types.LONGVARCHAR, Types.NCHAR, Types.NVARCHAR, Types.LONGNVARCHAR, Types.CLOB, Types.NCLOB,
                 Types.DATE, Types.TIME, Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE, Types.BINARY,
                 Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB -> true;
            // PostgreSQL uuid and json, H2's ENUM('A', 'B'): read as their text
            case Types.OTHER -> typeName != null && (TEXT_OTHER.contains(typeName.toLowerCase(Locale.ROOT))
                    || typeName.toUpperCase(Locale.ROOT).startsWith("ENUM"));
            default -> false;
        };
    }

    static String text(ResultSet rs, int i, int type, String typeName) throws SQLException {
        switch (type) {
            case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT -> {
                long v = rs.getLong(i);
                return rs.wasNull() ? null : Long.toString(v);
            }
            case Types.DECIMAL, Types.NUMERIC -> {
                BigDecimal v = rs.getBigDecimal(i);
                return v == null ? null : decimal(v);
            }
            case Types.REAL, Types.FLOAT, Types.DOUBLE -> {
                double v = rs.getDouble(i);
                return rs.wasNull() ? null : decimal(BigDecimal.valueOf(v));
            }
            case Types.BIT, Types.BOOLEAN -> {
                boolean v = rs.getBoolean(i);
                return rs.wasNull() ? null : Boolean.toString(v);
            }
            case Types.DATE -> {
                LocalDate v = rs.getObject(i, LocalDate.class);
                return v == null ? null : v.toString();
            }
            case Types.TIME -> {
                LocalTime v = rs.getObject(i, LocalTime.class);
                return v == null ? null : TIME.format(v);
            }
            case Types.TIMESTAMP -> {
                if (typeName != null && typeName.toLowerCase(Locale.ROOT).startsWith("timestamptz")) {
                    OffsetDateTime v = rs.getObject(i, OffsetDateTime.class);
                    return v == null ? null : timestamp(v);
                }
                LocalDateTime v = rs.getObject(i, LocalDateTime.class);
                return v == null ? null : timestamp(v);
            }
            case Types.TIMESTAMP_WITH_TIMEZONE -> {
                OffsetDateTime v = rs.getObject(i, OffsetDateTime.class);
                return v == null ? null : timestamp(v);
            }
            case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB -> {
                byte[] v = rs.getBytes(i);
                return v == null ? null : Hashes.base64url(v);
            }
            default -> {
                if (!encodable(type, typeName)) {
                    throw new IllegalStateException("the sealed log cannot encode a column of type " + typeName);
                }
                return rs.getString(i);
            }
        }
    }

    /** A decimal without trailing zeros and without exponent ({@code 100.00} is {@code 100}). */
    public static String decimal(BigDecimal v) {
        return v.signum() == 0 ? "0" : v.stripTrailingZeros().toPlainString();
    }

    /** A timestamp in UTC with microseconds: {@code 2026-11-30T22:55:01.123456Z}. */
    public static String timestamp(OffsetDateTime v) {
        return timestamp(v.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime());
    }

    /**
     * {@link #TIMESTAMP}'s text, written by hand for years 0 to 9999: the formatter costs a tenth of the time
     * sealing and verifying take.
     */
    static String timestamp(LocalDateTime v) {
        int year = v.getYear();
        if (year < 0 || year > 9999) {
            return TIMESTAMP.format(v);
        }
        byte[] b = new byte[27];
        digits(b, 0, year, 4);
        b[4] = '-';
        digits(b, 5, v.getMonthValue(), 2);
        b[7] = '-';
        digits(b, 8, v.getDayOfMonth(), 2);
        b[10] = 'T';
        digits(b, 11, v.getHour(), 2);
        b[13] = ':';
        digits(b, 14, v.getMinute(), 2);
        b[16] = ':';
        digits(b, 17, v.getSecond(), 2);
        b[19] = '.';
        digits(b, 20, v.getNano() / 1000, 6);
        b[26] = 'Z';
        return new String(b, java.nio.charset.StandardCharsets.US_ASCII);
    }

    private static void digits(byte[] b, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            b[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
    }
}
