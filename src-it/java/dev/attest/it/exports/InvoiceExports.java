package dev.attest.it.exports;

import dev.attest.AuditAction;
import dev.attest.Category;
import dev.attest.it.app.Invoice;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Exports of invoices, declared with {@code @AuditAction(category = EXPORT)}. */
@ApplicationScoped
public class InvoiceExports {

    @PersistenceContext
    EntityManager em;

    @AuditAction(value = "invoice.export", category = Category.EXPORT)
    public List<Invoice> invoices(String customer) {
        return rows(customer);
    }

    private List<Invoice> rows(String customer) {
        return em.createQuery("select i from Invoice i where i.customer = :c", Invoice.class)
                .setParameter("c", customer).getResultList();
    }

    @AuditAction(value = "invoice.export.csv", category = Category.EXPORT)
    public byte[] csv(String customer) {
        return bytes(customer);
    }

    private byte[] bytes(String customer) {
        StringBuilder csv = new StringBuilder("id,number\n");
        for (Invoice invoice : rows(customer)) {
            csv.append(invoice.getId()).append(',').append(invoice.getNumber()).append('\n');
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    @AuditAction(value = "invoice.export.file", category = Category.EXPORT)
    public Path file(String customer) {
        try {
            Path file = Files.createTempFile("invoices-", ".csv");
            Files.write(file, bytes(customer));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @AuditAction(value = "invoice.export.array", category = Category.EXPORT)
    public String[] numbers(String customer) {
        return rows(customer).stream().map(Invoice::getNumber).toArray(String[]::new);
    }

    @AuditAction(value = "invoice.export.stream", category = Category.EXPORT)
    public Stream<String> stream(String customer) {
        return Stream.of("a", "b", "c");
    }
}
