package dev.attest.it.outcome;

import dev.attest.AuditAction;
import dev.attest.AuditTarget;
import dev.attest.Redacted;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Audited work with no transaction: what it does cannot be rolled back. */
@ApplicationScoped
public class PlainWork {

    private final Set<String> done = ConcurrentHashMap.newKeySet();

    @AuditAction("outage.plain")
    public void send(@AuditTarget("Message") String id) {
        done.add(id);
    }

    @AuditAction("outage.secret")
    public void sendWithSecrets(@AuditTarget("Message") String id, @Redacted String pin, String password) {
        done.add(id);
    }

    public boolean sent(String id) {
        return done.contains(id);
    }
}
