package dev.attest.it.overhead;

import dev.attest.AuditAction;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The same method that touches no database with and without {@code @AuditAction}: the interceptor's own cost.
 * The benchmark's deployment skips {@value #ACTION} ({@code attest.skip-actions}), so no row is written for it.
 */
@ApplicationScoped
public class Gestures {

    /** The skipped action name of the audited form. */
    public static final String ACTION = "bench.noop";

    public int plain(long id, String text) {
        return text.length() + (int) id;
    }

    @AuditAction(ACTION)
    public int audited(long id, String text) {
        return text.length() + (int) id;
    }
}
