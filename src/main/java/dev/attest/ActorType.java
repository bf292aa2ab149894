package dev.attest;

/** Who an {@link Actor} is. */
public enum ActorType {
    /** An authenticated person or client. */
    USER,
    /** The application itself: a timer, a job, a consumer. */
    SYSTEM,
    /** Nobody authenticated. */
    ANONYMOUS
}
