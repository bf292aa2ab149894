package dev.attest.it.misuse;

import dev.attest.Redacted;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import org.hibernate.envers.Audited;

/** Misuse Attest must refuse at deployment: Envers would store a redacted field. */
@Entity
@Audited
public class AuditedSecret {

    @Id
    @GeneratedValue
    Long id;

    @Redacted
    String pin;
}
