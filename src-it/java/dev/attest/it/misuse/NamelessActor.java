package dev.attest.it.misuse;

import dev.attest.AuditActor;
import jakarta.enterprise.context.ApplicationScoped;

/** Misuse Attest must refuse at deployment: a system actor with no name. */
@ApplicationScoped
@AuditActor("")
public class NamelessActor {

    public void run(String job) {
    }
}
