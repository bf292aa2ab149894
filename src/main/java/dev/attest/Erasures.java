package dev.attest;

/**
 * GDPR erasure (inject it): removes one data subject's personal values from events and revisions, keeping the
 * sealed log verifiable (the values' commitments stay; their salts go). The log records that an erasure happened,
 * when, why and under which request reference, never whose data it was. Needs the role {@code attest.erasure-role}
 * (default {@code audit-erasure}).
 *
 * <p>With {@code attest.erasure.approval=true} two people are needed: one {@link #request}s the erasure, another
 * {@link #approve}s it, which carries it out; {@link #erase} is refused.
 *
 * <p>Errors: {@link IllegalArgumentException} for an unknown subject or request, or a blank request reference;
 * {@link SecurityException} without the role; {@link IllegalStateException} while a legal hold covers the data,
 * when approval is required (or not configured), or when the requester approves their own request.
 */
public interface Erasures {

    /** The dry run: what {@link #erase} would change, and the holds that would refuse it. Changes nothing. */
    ErasurePlan plan(DataSubject subject);

    /** Erases {@code subject}'s personal values under the request {@code requestReference}, for {@code reason}. */
    ErasurePlan erase(DataSubject subject, String requestReference, String reason);

    /** Records the erasure of {@code subject} under {@code requestReference} for a second person to approve. */
    ErasurePlan request(DataSubject subject, String requestReference, String reason);

    /** Carries out the requested erasure {@code requestReference}; the caller must not be who requested it. */
    ErasurePlan approve(String requestReference);
}
