package dev.attest.it.contexts;

import dev.attest.AuditAction;
import dev.attest.AuditTarget;
import dev.attest.it.app.Invoice;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import java.math.BigDecimal;

/** The audited work every entry point of this package does: one event and one revision, named after the caller. */
@ApplicationScoped
@Transactional
public class Recorder {

    @PersistenceContext
    EntityManager em;

    @AuditAction("context.work")
    public Invoice work(@AuditTarget("Entry") String entryPoint) {
        Invoice invoice = new Invoice(entryPoint + "-" + System.nanoTime(), entryPoint, BigDecimal.ONE);
        em.persist(invoice);
        return invoice;
    }

    /** Adds a line to a new invoice of {@code entryPoint}. */
    @AuditAction("context.line")
    public Line line(@AuditTarget("Entry") String entryPoint) {
        Line line = new Line(work(entryPoint), "first line");
        em.persist(line);
        return line;
    }

    /** Moves line {@code id} to a new invoice of {@code entryPoint}. */
    @AuditAction("context.line-move")
    public Invoice move(long id, @AuditTarget("Entry") String entryPoint) {
        Invoice invoice = work(entryPoint);
        em.find(Line.class, id).setInvoice(invoice);
        return invoice;
    }
}
