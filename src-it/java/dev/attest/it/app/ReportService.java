package dev.attest.it.app;

import dev.attest.AuditAction;
import dev.attest.Category;
import jakarta.enterprise.context.ApplicationScoped;

/** Every business method audited, action names derived from the class and method. */
@ApplicationScoped
@AuditAction(category = Category.ACCESS)
public class ReportService {

    public String summarise(String period) {
        return "summary of " + period;
    }
}
