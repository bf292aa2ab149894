package dev.attest;

/** How the recorded work ended. */
public enum Outcome {
    /** The work completed and its transaction, if any, committed. */
    SUCCESS,
    /** The work threw, or its transaction rolled back. */
    FAILURE,
    /** The work was refused for lack of permission. */
    DENIED
}
