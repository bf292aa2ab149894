package dev.attest.demo.rest;

import dev.attest.demo.Patient;
import dev.attest.demo.PatientService;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.List;

/** Patients for any logged-in user; opening a patient's record is recorded as an ACCESS event. */
@Path("patients")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class PatientResource {

    @Inject
    PatientService patients;

    @GET
    public List<Patient> list() {
        return patients.list();
    }

    @GET
    @Path("{id}")
    public Patient view(@PathParam("id") long id) {
        return patients.view(id);
    }
}
