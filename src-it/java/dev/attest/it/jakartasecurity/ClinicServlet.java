package dev.attest.it.jakartasecurity;

import dev.attest.it.app.Invoice;
import dev.attest.it.app.InvoiceService;
import jakarta.annotation.security.DeclareRoles;
import jakarta.ejb.EJB;
import jakarta.servlet.annotation.HttpConstraint;
import jakarta.servlet.annotation.ServletSecurity;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.math.BigDecimal;

/** A servlet protected by Jakarta Security: BASIC through the application's identity store. */
@DeclareRoles("user")
@ServletSecurity(@HttpConstraint(rolesAllowed = "user"))
@WebServlet("/clinic/invoices")
public class ClinicServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @EJB
    transient InvoiceService invoices;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Invoice invoice = invoices.create(new Invoice(request.getParameter("number"), "clinic", BigDecimal.ONE));
        response.getWriter().print(invoice.getId());
    }
}
