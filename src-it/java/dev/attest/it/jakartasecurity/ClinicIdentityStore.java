package dev.attest.it.jakartasecurity;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.authentication.mechanism.http.BasicAuthenticationMechanismDefinition;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;

import java.util.Set;

/**
 * An application's own identity store: one user, dora, with password dora-pw; and the application's BASIC mechanism.
 * The mechanism's definition sits on a CDI bean, where a server whose Jakarta Security finds it among the beans
 * (Payara) sees it: with an empty beans.xml only classes with a bean-defining annotation are beans, and a servlet is
 * not one.
 */
@BasicAuthenticationMechanismDefinition(realmName = "clinic")
@ApplicationScoped
public class ClinicIdentityStore implements IdentityStore {

    public CredentialValidationResult validate(UsernamePasswordCredential credential) {
        return credential.compareTo("dora", "dora-pw")
                ? new CredentialValidationResult("dora", Set.of("user"))
                : CredentialValidationResult.INVALID_RESULT;
    }
}
