package dev.attest.internal.security;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

/**
 * What an {@code Authorization} header claims, without the secret: the scheme and, for BASIC, the user
 * name. The password and any token are never kept.
 *
 * @param mechanism {@code BASIC}, {@code BEARER_TOKEN}, or the header's scheme in upper case
 * @param userName the attempted user name (BASIC only), else {@code null}
 * @param malformed for BASIC credentials that are not {@code base64(user-id ":" password)} in UTF-8 (RFC 7617):
 *                  what is wrong with them, else {@code null}
 */
public record Credentials(String mechanism, String userName, String malformed) {

    /** The longest BASIC credentials (encoded) taken as a login attempt; longer ones are malformed. */
    static final int MAX_BASIC_LENGTH = 4096;

    /** Well-formed credentials. */
    public Credentials(String mechanism, String userName) {
        this(mechanism, userName, null);
    }

    /** The credentials an {@code Authorization} header presents, {@code null} when there is none. */
    public static Credentials of(String authorization) {
        if (authorization == null || authorization.isBlank()) {
            return null;
        }
        String header = authorization.trim();
        int space = header.indexOf(' ');
        String scheme = (space < 0 ? header : header.substring(0, space)).toUpperCase(Locale.ROOT);
        if (scheme.length() > 32) {
            scheme = scheme.substring(0, 32);
        }
        if (scheme.equals("BASIC")) {
            return basic(space < 0 ? "" : header.substring(space + 1).trim());
        }
        if (scheme.equals("BEARER")) {
            return new Credentials("BEARER_TOKEN", null);
        }
        return new Credentials(scheme, null);
    }

    private static Credentials basic(String encoded) {
        if (encoded.isEmpty()) {
            return new Credentials("BASIC", null, "no credentials after the scheme");
        }
        if (encoded.length() > MAX_BASIC_LENGTH) {
            return new Credentials("BASIC", null, "longer than " + MAX_BASIC_LENGTH + " characters");
        }
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(encoded);
        } catch (IllegalArgumentException e) {
            return new Credentials("BASIC", null, "not base64");
        }
        String pair;
        try {
            pair = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(decoded)).toString();
        } catch (CharacterCodingException e) {
            return new Credentials("BASIC", null, "not UTF-8");
        }
        int colon = pair.indexOf(':');
        if (colon < 0) {
            // the whole value may be a secret, so no name is taken from it
            return new Credentials("BASIC", null, "no ':' between user name and password");
        }
        return new Credentials("BASIC", pair.substring(0, colon));
    }
}
