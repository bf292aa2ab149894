package dev.attest.it.browser;

import dev.attest.Actor;
import dev.attest.AuditContext;
import dev.attest.AuditLog;
import dev.attest.AuditRecord;
import dev.attest.Category;
import dev.attest.Outcome;
import dev.attest.it.app.DocumentService;
import dev.attest.it.app.Invoice;
import dev.attest.it.app.InvoiceService;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** Records what the browser tests look at: ordinary events, an entity history, logins, hostile strings. */
@WebServlet("/seed")
public class SeedServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    /** Text that would run or inject markup if the page ever treated data as HTML. */
    public static final String HOSTILE_ACTOR = "<script>window.__xss=1;alert(1)</script>";
    public static final String HOSTILE_TARGET = "<img src=x onerror=\"window.__xss=2;alert(2)\">";
    public static final String HOSTILE_COMMENT = "<b id=\"injected\">bold</b>\u202eevil\u202c<svg onload=alert(3)>";

    @Inject
    transient AuditLog log;

    @Inject
    transient DocumentService documents;

    @Inject
    transient InvoiceService invoices;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        AuditContext.runAs(Actor.user("browser-ann"), () -> {
            documents.tag("bd-1", List.of("alpha"));
            documents.tag("bd-2", List.of("needle"));
            log.record(AuditRecord.of(Category.ACTION, "legacy.import").target("Batch", "2025-03")
                    .occurredAt(Instant.parse("2025-03-14T10:00:00Z")));
        });
        Invoice invoice = AuditContext.runAs(Actor.user("browser-hank"),
                () -> invoices.create(new Invoice("BR-" + System.nanoTime(), "Browser & Sons", new BigDecimal("42.00"))));
        AuditContext.runAs(Actor.user("browser-ivy"), () -> invoices.approve(invoice.getId(), "looks right"));
        AuditContext.runAs(Actor.user("browser-viv"), () -> log.record(AuditRecord.of(Category.ACCESS, "invoice.view")
                .target("Invoice", invoice.getId())));
        log.loginFailed("mallory", "FORM", "bad password");
        log.record(AuditRecord.of(Category.SECURITY, "security.lockout").outcome(Outcome.DENIED).target("User", "mallory"));
        AuditContext.runAs(Actor.user(HOSTILE_ACTOR), () -> log.record(AuditRecord.of(Category.ACTION, "xss.probe")
                .target("Doc", HOSTILE_TARGET).detail("comment", HOSTILE_COMMENT)));
        response.setContentType("text/plain");
        response.getWriter().print(invoice.getId());
    }
}
