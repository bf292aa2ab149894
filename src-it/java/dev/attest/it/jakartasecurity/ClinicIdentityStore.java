package dev.attest.it.jakartasecurity;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;

import java.util.Set;

/** An application's own identity store: one user, dora, with password dora-pw. */
@ApplicationScoped
public class ClinicIdentityStore implements IdentityStore {

    public CredentialValidationResult validate(UsernamePasswordCredential credential) {
        return credential.compareTo("dora", "dora-pw")
                ? new CredentialValidationResult("dora", Set.of("user"))
                : CredentialValidationResult.INVALID_RESULT;
    }
}
