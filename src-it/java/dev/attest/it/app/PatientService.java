package dev.attest.it.app;

import dev.attest.AuditAction;
import dev.attest.AuditTarget;
import dev.attest.Category;
import dev.attest.Redacted;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

/** Patient records: a field that must never be stored, and views recorded as access. */
@ApplicationScoped
@Transactional
public class PatientService {

    @PersistenceContext
    EntityManager em;

    @AuditAction("patient.admit")
    public Patient admit(@AuditTarget Patient patient) {
        em.persist(patient);
        return patient;
    }

    @AuditAction("patient.move")
    public void move(@AuditTarget("Patient") long id, String ward, @Redacted String nationalId) {
        Patient patient = em.find(Patient.class, id);
        patient.setWard(ward);
        patient.setNationalId(nationalId);
    }

    @AuditAction(value = "patient.view", category = Category.ACCESS)
    public Patient view(@AuditTarget("Patient") long id) {
        return em.find(Patient.class, id);
    }
}
