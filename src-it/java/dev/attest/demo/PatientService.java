package dev.attest.demo;

import dev.attest.AuditAction;
import dev.attest.AuditTarget;
import dev.attest.Category;
import dev.attest.Redacted;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import java.util.List;

/** Patients, as a transactional CDI bean: reading a record is audited too, as an ACCESS event. */
@ApplicationScoped
@Transactional
public class PatientService {

    @PersistenceContext
    EntityManager em;

    /** Admits a patient; the national id argument is stored masked in the event. */
    @AuditAction("patient.admit")
    public Patient admit(String name, String ward, @Redacted String nationalId) {
        Patient patient = new Patient(name, ward, nationalId);
        em.persist(patient);
        return patient;
    }

    /** Shows a patient's record: who looked at whose record is recorded. */
    @AuditAction(value = "patient.view", category = Category.ACCESS)
    public Patient view(@AuditTarget("Patient") long id) {
        return get(id);
    }

    /** Moves a patient to another ward. */
    @AuditAction("patient.transfer")
    public Patient transfer(@AuditTarget("Patient") long id, String ward) {
        Patient patient = get(id);
        patient.setWard(ward);
        return patient;
    }

    public List<Patient> list() {
        return em.createQuery("select p from Patient p order by p.id", Patient.class).getResultList();
    }

    private Patient get(long id) {
        Patient patient = em.find(Patient.class, id);
        if (patient == null) {
            throw new NoSuchRecordException("patient", id);
        }
        return patient;
    }
}
