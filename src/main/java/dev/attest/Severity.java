package dev.attest;

import java.util.Locale;

/** How grave a {@link Category#SYSTEM} event is; its action is {@code system.<severity in lower case>}. */
public enum Severity {
    ERROR, WARNING, INFO, SECURITY, PERFORMANCE;

    /** The action of a system event of this severity, such as {@code system.error}. */
    public String action() {
        return "system." + name().toLowerCase(Locale.ROOT);
    }
}
