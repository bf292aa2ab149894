package dev.attest.demo.rest;

import dev.attest.demo.Invoice;
import dev.attest.demo.InvoiceService;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.List;

/** Invoices for any logged-in user; approving one is recorded with that user as the actor. */
@Path("invoices")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class InvoiceResource {

    @Inject
    InvoiceService invoices;

    @GET
    public List<Invoice> list() {
        return invoices.list();
    }

    @GET
    @Path("{id}")
    public Invoice get(@PathParam("id") long id) {
        return invoices.get(id);
    }

    /** Form fields {@code comment} and {@code pin}, both optional; the PIN is never stored. */
    @POST
    @Path("{id}/approve")
    public Invoice approve(@PathParam("id") long id, @FormParam("comment") String comment, @FormParam("pin") String pin) {
        return invoices.approve(id, comment, pin);
    }
}
