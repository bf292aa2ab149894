package dev.attest.it.contexts;

import dev.attest.it.app.Invoice;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;
import org.hibernate.envers.Audited;

/** An invoice line: an audited entity with a many-to-one association. */
@Entity
@Audited
public class Line {

    @Id
    @GeneratedValue
    private Long id;

    @ManyToOne(optional = false)
    private Invoice invoice;

    private String text;

    protected Line() {
    }

    public Line(Invoice invoice, String text) {
        this.invoice = invoice;
        this.text = text;
    }

    public Long getId() {
        return id;
    }

    public void setInvoice(Invoice invoice) {
        this.invoice = invoice;
    }
}
