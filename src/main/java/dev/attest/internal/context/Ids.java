package dev.attest.internal.context;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Identifiers of correlations and requests: time-ordered (version 7) UUIDs. They name work so its records can be
 * joined; they guard nothing, so their random bits come from the thread's fast random source rather than from
 * {@link UUID#randomUUID()}'s secure one, which costs microseconds per call on a busy server. They lead with
 * their creation time, so a new id sorts after the ids of earlier milliseconds: the database indexes that find
 * events and revisions by correlation or request id grow at their end, where their pages are already in memory,
 * instead of at a random page of an index that outgrows the cache.
 */
public final class Ids {

    private Ids() {
    }

    /**
     * A version 7 UUID (RFC 9562: 48 bits of Unix time in milliseconds, then 74 random bits) in its usual
     * 36-character form, which sorts as text in the order of {@code epochMillis}.
     */
    public static String timeOrderedUuid(long epochMillis) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = ((epochMillis & 0xFFFF_FFFF_FFFFL) << 16) | 0x7000L | (random.nextLong() & 0x0FFFL);
        long low = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(high, low).toString();
    }
}
