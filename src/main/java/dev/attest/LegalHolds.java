package dev.attest;

import java.util.List;

/**
 * Legal holds (inject it): the events a hold covers survive the retention purge and refuse erasure until the
 * hold is released. Placing and releasing need the role {@code attest.hold-role} (default {@code audit-hold}) and
 * are recorded as {@code SECURITY} events ({@code audit.hold.placed}, {@code audit.hold.released}).
 *
 * <p>Errors: {@link IllegalArgumentException} for a scope without criteria, a blank case reference or an
 * unknown hold; {@link SecurityException} without the role; {@link IllegalStateException} for a hold that
 * overlaps an active one or a hold already released.
 */
public interface LegalHolds {

    /** Places a hold over {@code scope} for the case {@code caseReference}; the caller is recorded as who placed it. */
    Hold place(HoldScope scope, String caseReference);

    /** Releases hold {@code id}; the caller is recorded as who released it. */
    Hold release(long id);

    /** The holds in force, oldest first. */
    List<Hold> active();
}
