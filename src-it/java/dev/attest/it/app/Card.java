package dev.attest.it.app;

import dev.attest.Redacted;

/** An argument type with a field that must never be stored. */
public record Card(String holder, @Redacted String number, String expiry) {
}
