package dev.attest.internal.integrity;

import org.junit.jupiter.api.Test;

import java.sql.Types;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which column types the canonical preimage encodes, and the text of timestamps. */
class RowsTest {

    @Test
    void timestampsAreTheFormattersTextInUtcWithMicroseconds() {
        java.util.Random random = new java.util.Random(7);
        for (int i = 0; i < 100_000; i++) {
            java.time.LocalDateTime t = java.time.LocalDateTime.ofEpochSecond(
                    random.nextLong(-62_167_219_200L - 86_400L * 400, 253_402_300_799L + 86_400L * 400),
                    random.nextInt(1_000_000_000), java.time.ZoneOffset.UTC);
            assertEquals(Rows.TIMESTAMP.format(t), Rows.timestamp(t), t.toString());
        }
        assertEquals("2026-11-30T22:55:01.123456Z", Rows.timestamp(java.time.OffsetDateTime.parse(
                "2026-11-30T23:55:01.1234567+01:00")));
        assertEquals("0001-01-01T00:00:00.000000Z", Rows.timestamp(java.time.LocalDateTime.of(1, 1, 1, 0, 0)));
    }

    @Test
    void h2EnumColumnsOfEnumeratedStringsAreText() {
        assertTrue(Rows.encodable(Types.OTHER, "ENUM('ACCESS', 'ACTION')"));
    }

    @Test
    void postgresqlUuidAndJsonAreText() {
        assertTrue(Rows.encodable(Types.OTHER, "uuid"));
        assertTrue(Rows.encodable(Types.OTHER, "jsonb"));
    }

    @Test
    void manifestsNameTheEncodingClassOfEachType() {
        assertEquals("integer", Rows.typeClass(Types.BIGINT, "int8"));
        assertEquals("decimal", Rows.typeClass(Types.NUMERIC, "numeric"));
        assertEquals("float", Rows.typeClass(Types.DOUBLE, "float8"));
        assertEquals("boolean", Rows.typeClass(Types.BOOLEAN, "bool"));
        assertEquals("timestamptz", Rows.typeClass(Types.TIMESTAMP, "timestamptz"));
        assertEquals("timestamptz", Rows.typeClass(Types.TIMESTAMP_WITH_TIMEZONE, "TIMESTAMP WITH TIME ZONE"));
        assertEquals("timestamp", Rows.typeClass(Types.TIMESTAMP, "timestamp"));
        assertEquals("binary", Rows.typeClass(Types.VARBINARY, "bytea"));
        assertEquals("text", Rows.typeClass(Types.OTHER, "uuid"));
        assertEquals("text", Rows.typeClass(Types.VARCHAR, "varchar"));
    }

    @Test
    void unknownTypesAreRefused() {
        assertFalse(Rows.encodable(Types.OTHER, "geometry"));
        assertFalse(Rows.encodable(Types.ARRAY, "_int4"));
        assertFalse(Rows.encodable(Types.STRUCT, "point"));
    }
}
