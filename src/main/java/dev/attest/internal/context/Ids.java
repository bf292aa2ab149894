package dev.attest.internal.context;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Random identifiers of correlations and requests. They name work so its records can be joined; they guard
 * nothing, so they come from the thread's fast random source rather than from {@link UUID#randomUUID()}'s
 * secure one, which costs microseconds per call on a busy server.
 */
public final class Ids {

    private Ids() {
    }

    /** A random (version 4, IETF variant) UUID in its usual 36-character form. */
    public static String randomUuid() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(high, low).toString();
    }
}
