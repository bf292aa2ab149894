package dev.attest.it.jwt;

import dev.attest.it.app.Invoice;
import dev.attest.it.app.InvoiceService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.math.BigDecimal;

/** Creates an invoice through the audited session bean, for callers whose token has the group {@code accountant}. */
@Path("invoices")
@RequestScoped
@RolesAllowed("accountant")
public class JwtInvoiceResource {

    @EJB
    InvoiceService invoices;

    @POST
    @Produces(MediaType.TEXT_PLAIN)
    public String create(@QueryParam("number") String number) {
        return String.valueOf(invoices.create(new Invoice(number, "jwt", BigDecimal.ONE)).getId());
    }
}
