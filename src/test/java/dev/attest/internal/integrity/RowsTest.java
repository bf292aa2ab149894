package dev.attest.internal.integrity;

import org.junit.jupiter.api.Test;

import java.sql.Types;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which column types the canonical preimage encodes. */
class RowsTest {

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
    void unknownTypesAreRefused() {
        assertFalse(Rows.encodable(Types.OTHER, "geometry"));
        assertFalse(Rows.encodable(Types.ARRAY, "_int4"));
        assertFalse(Rows.encodable(Types.STRUCT, "point"));
    }
}
