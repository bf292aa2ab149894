package dev.attest;

/**
 * GDPR erasure (inject it): removes one data subject's personal values from events and revisions, keeping the
 * sealed log verifiable (the values' commitments stay; their salts go). The log records that an erasure happened,
 * when, why and under which request reference, never whose data it was. Needs the role {@code attest.erasure-role}
 * (default {@code audit-erasure}).
 *
 * <p>Errors: {@link IllegalArgumentException} for an unknown subject or a blank request reference;
 * {@link SecurityException} without the role; {@link IllegalStateException} while a legal hold covers the data.
 */
public interface Erasures {

    /** The dry run: what {@link #erase} would change, and the holds that would refuse it. Changes nothing. */
    ErasurePlan plan(DataSubject subject);

    /** Erases {@code subject}'s personal values under the request {@code requestReference}, for {@code reason}. */
    ErasurePlan erase(DataSubject subject, String requestReference, String reason);
}
