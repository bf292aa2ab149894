package dev.attest.demo.rest;

import dev.attest.AuditEvent;
import dev.attest.AuditTrail;
import dev.attest.Category;
import dev.attest.EntityRevision;
import dev.attest.EventQuery;
import dev.attest.demo.Invoice;
import dev.attest.demo.Patient;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;

/** The audit trail, for users with the role {@code audit-viewer} (see web.xml). */
@Path("audit")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {

    @Inject
    AuditTrail trail;

    /**
     * Events, newest first. Every filter is optional: {@code actor} (a user id or system name),
     * {@code action} ({@code *} as wildcard, as in {@code invoice.*}), {@code category}, {@code limit}.
     */
    @GET
    @Path("events")
    public List<AuditEvent> events(@QueryParam("actor") String actor, @QueryParam("action") String action,
                                   @QueryParam("category") Category category, @QueryParam("limit") Integer limit) {
        EventQuery query = new EventQuery().actor(blankToNull(actor)).action(blankToNull(action)).category(category);
        if (limit != null) {
            if (limit < 1 || limit > EventQuery.MAX_LIMIT) {
                throw new BadRequestException(ErrorMappers.error(Response.Status.BAD_REQUEST,
                        "limit must be between 1 and " + EventQuery.MAX_LIMIT));
            }
            query.limit(limit);
        }
        return trail.events(query);
    }

    @GET
    @Path("events/{id}")
    public AuditEvent event(@PathParam("id") long id) {
        return trail.event(id).orElseThrow(() -> new NotFoundException("no event " + id));
    }

    /** Who changed the invoice when, and which fields. */
    @GET
    @Path("history/invoice/{id}")
    public List<EntityRevision> invoiceHistory(@PathParam("id") long id) {
        return trail.history(Invoice.class, id);
    }

    /** The same for a patient: the national id never shows, it is not audited. */
    @GET
    @Path("history/patient/{id}")
    public List<EntityRevision> patientHistory(@PathParam("id") long id) {
        return trail.history(Patient.class, id);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
