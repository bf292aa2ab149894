package dev.attest.internal.capture;

/**
 * Makes untrusted text safe to store and to log: control, line-breaking and bidirectional-override
 * characters become visible escapes (so nobody can forge a log line or reorder what a reader sees), and
 * the result is cut to a maximum length on a character boundary, with a marker.
 */
public final class Text {

    /** Appended where a value was cut. */
    public static final String TRUNCATED = "…[truncated]";

    private Text() {
    }

    /** The neutralised value bounded to {@code max} characters; {@code null} stays {@code null}. */
    public static String clean(String value, int max) {
        if (value == null) {
            return null;
        }
        return bound(neutralise(value), max);
    }

    /** Replaces CR, LF, TAB, other control characters and bidi controls by visible escapes. */
    public static String neutralise(String value) {
        int first = firstUnsafe(value);
        if (first < 0) {
            return value;
        }
        StringBuilder out = new StringBuilder(value.length() + 16).append(value, 0, first);
        for (int i = first; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\r' -> out.append("\\r");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                default -> {
                    if (unsafe(c)) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    /**
     * Cuts {@code value} to at most {@code max} characters, marker included, never inside a surrogate pair.
     * Below the marker's length only as much of the marker as fits remains.
     */
    public static String bound(String value, int max) {
        if (value == null || value.length() <= max) {
            return value;
        }
        if (max < TRUNCATED.length()) {
            return TRUNCATED.substring(0, Math.max(0, max));
        }
        int keep = max - TRUNCATED.length();
        if (keep > 0 && Character.isHighSurrogate(value.charAt(keep - 1))) {
            keep--;
        }
        return value.substring(0, keep) + TRUNCATED;
    }

    private static int firstUnsafe(String value) {
        for (int i = 0; i < value.length(); i++) {
            if (unsafe(value.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    static boolean unsafe(char c) {
        return c < 0x20 || (c >= 0x7f && c <= 0x9f)
                || c == '\u061c' || c == '\u200e' || c == '\u200f'
                || (c >= '\u202a' && c <= '\u202e') || (c >= '\u2066' && c <= '\u2069')
                || c == '\u2028' || c == '\u2029';
    }
}
