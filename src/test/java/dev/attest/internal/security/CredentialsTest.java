package dev.attest.internal.security;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

class CredentialsTest {

    private static String basic(String pair) {
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void basicGivesTheUserNameOnly() {
        Credentials c = Credentials.of(basic("alice:s3cret:with:colons"));
        assertEquals("BASIC", c.mechanism());
        assertEquals("alice", c.userName());
        assertFalse(c.toString().contains("s3cret"));
    }

    @Test
    void noColonOrNoBase64GivesNoName() {
        assertNull(Credentials.of(basic("just-a-secret")).userName());
        assertNull(Credentials.of("Basic not*base64").userName());
    }

    @Test
    void malformedBasicCredentialsSayWhatIsWrongAndCarryNoName() {
        assertEquals("not base64", Credentials.of("Basic ====").malformed());
        assertEquals("no ':' between user name and password", Credentials.of(basic("just-a-secret")).malformed());
        assertEquals("not UTF-8", Credentials.of("Basic " + Base64.getEncoder().encodeToString(
                new byte[] {(byte) 0xC3, 0x28, ':', 'x'})).malformed());
        assertEquals("no credentials after the scheme", Credentials.of("Basic").malformed());
        assertEquals("no credentials after the scheme", Credentials.of("basic   ").malformed());
        assertEquals("longer than 4096 characters", Credentials.of(basic("u:" + "p".repeat(4000))).malformed());
        assertNull(Credentials.of(basic("alice:pw")).malformed());
        assertNull(Credentials.of(basic(":")).malformed(), "an empty name and password are well-formed");
    }

    @Test
    void bearerAndOtherSchemesCarryNoName() {
        assertEquals(new Credentials("BEARER_TOKEN", null), Credentials.of("Bearer eyJhbGciOi.secret"));
        assertEquals(new Credentials("DIGEST", null), Credentials.of("Digest username=\"x\""));
        assertNull(Credentials.of(null));
        assertNull(Credentials.of("  "));
    }
}
