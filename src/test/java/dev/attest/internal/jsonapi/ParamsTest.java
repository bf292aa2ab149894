package dev.attest.internal.jsonapi;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ParamsTest {

    @Test
    void quotedValuesShowControlAndBidiCharactersAsEscapes() {
        assertEquals("a\\u000ab\\u202ec", Params.printable("a\nb\u202ec"));
        assertEquals(80, Params.printable("x".repeat(500)).length());
    }
}
