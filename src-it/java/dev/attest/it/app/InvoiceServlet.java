package dev.attest.it.app;

import dev.attest.Actor;
import dev.attest.AuditContext;
import jakarta.ejb.EJB;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.math.BigDecimal;

/** Creates an invoice through the session bean: under /secured as the logged-in user, under /public anonymously. */
@WebServlet({"/secured/invoices", "/public/invoices"})
public class InvoiceServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @EJB
    transient InvoiceService invoices;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (request.getParameter("fail") != null) {
            // work that sets its own actor and dies half-way: its thread must carry nothing to the next request
            AuditContext.runAs(Actor.system("leaky"), () -> {
                throw new IllegalStateException("failed half-way");
            });
        }
        if (request.getParameter("slow") != null) {
            // outlives the client's timeout: the worker thread finishes the work after the client gave up
            try {
                Thread.sleep(Long.parseLong(request.getParameter("slow")));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Invoice invoice = invoices.create(new Invoice(request.getParameter("number"), "web", BigDecimal.ONE));
        response.setContentType("text/plain");
        response.getWriter().print(invoice.getId());
    }
}
