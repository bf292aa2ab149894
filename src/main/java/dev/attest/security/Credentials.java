package dev.attest.security;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

/**
 * What an {@code Authorization} header claims, without the secret: the scheme and, for BASIC, the user
 * name. The password and any token are never kept.
 *
 * @param mechanism {@code BASIC}, {@code BEARER_TOKEN}, or the header's scheme in upper case
 * @param userName the attempted user name (BASIC only), else {@code null}
 */
public record Credentials(String mechanism, String userName) {

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
            return new Credentials("BASIC", basicUserName(space < 0 ? "" : header.substring(space + 1).trim()));
        }
        if (scheme.equals("BEARER")) {
            return new Credentials("BEARER_TOKEN", null);
        }
        return new Credentials(scheme, null);
    }

    private static String basicUserName(String encoded) {
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(encoded);
        } catch (IllegalArgumentException malformed) {
            return null;
        }
        String pair = new String(decoded, StandardCharsets.UTF_8);
        int colon = pair.indexOf(':');
        // no colon: the whole value may be a secret, so no name is taken from it
        return colon < 0 ? null : pair.substring(0, colon);
    }
}
