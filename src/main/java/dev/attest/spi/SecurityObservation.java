package dev.attest.spi;

/**
 * A kind of security event that no portable component can observe, because the container decides it before any
 * servlet filter or CDI interceptor runs: only a {@link ServerAdapter} hooked into the server's own request
 * handling sees it. Everything else (logins, logouts, session expiry, denials raised by the application, request
 * errors, the security monitor) Attest observes with portable components on every server.
 */
public enum SecurityObservation {

    /** {@code authn.login.failure} (and the brute-force alarms counted from it): credentials the container refused. */
    FAILED_LOGINS("failed-logins",
            "the container refuses bad credentials before any servlet filter runs"),

    /** {@code attest.security.lockout}: refusing an attempt before the container authenticates it. */
    LOCKOUT("lockout",
            "a locked-out attempt must be refused before the container authenticates it, ahead of every servlet filter"),

    /** {@code authz.denied} of a URL the container's security constraints refuse (HTTP 403 without the application). */
    CONTAINER_DENIALS("container-denials",
            "the container answers a URL its security constraints refuse before any servlet filter runs");

    private final String key;
    private final String why;

    SecurityObservation(String key, String why) {
        this.key = key;
        this.why = why;
    }

    /** The name used in {@code attest.security.unobserved}, such as {@code failed-logins}. */
    public String key() {
        return key;
    }

    /** Why a portable component cannot observe it. */
    public String why() {
        return why;
    }
}
