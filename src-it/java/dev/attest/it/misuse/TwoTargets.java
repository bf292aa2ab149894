package dev.attest.it.misuse;

import dev.attest.AuditAction;
import dev.attest.AuditTarget;
import jakarta.enterprise.context.ApplicationScoped;

/** Misuse Attest must refuse at deployment: an action with two targets. */
@ApplicationScoped
public class TwoTargets {

    @AuditAction("account.transfer")
    public void transfer(@AuditTarget("Account") long from, @AuditTarget("Account") long to) {
    }
}
