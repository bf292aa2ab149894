package dev.attest.demo;

import dev.attest.Redacted;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import org.hibernate.envers.Audited;
import org.hibernate.envers.NotAudited;

/**
 * A patient. The national id is {@link Redacted} and {@link NotAudited}: it is stored in the patient's
 * own row only, never in an event nor in a revision.
 */
@Entity
@Audited
public class Patient {

    @Id
    @GeneratedValue
    private Long id;

    private String name;

    private String ward;

    @Redacted
    @NotAudited
    private String nationalId;

    protected Patient() {
    }

    public Patient(String name, String ward, String nationalId) {
        this.name = name;
        this.ward = ward;
        this.nationalId = nationalId;
    }

    public Long getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public String getWard() {
        return ward;
    }

    public void setWard(String ward) {
        this.ward = ward;
    }

    public String getNationalId() {
        return nationalId;
    }
}
