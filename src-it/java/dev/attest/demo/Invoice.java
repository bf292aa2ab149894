package dev.attest.demo;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import org.hibernate.envers.Audited;

import java.math.BigDecimal;

/** An invoice; every change is kept by Envers as a revision that carries its actor. */
@Entity
@Audited
public class Invoice {

    /** A new invoice waits for approval. */
    public static final String DRAFT = "DRAFT";
    public static final String APPROVED = "APPROVED";

    @Id
    @GeneratedValue
    private Long id;

    @Column(unique = true, nullable = false)
    private String number;

    private String customer;

    private BigDecimal amount;

    private String status = DRAFT;

    protected Invoice() {
    }

    public Invoice(String number, String customer, BigDecimal amount) {
        this.number = number;
        this.customer = customer;
        this.amount = amount;
    }

    public Long getId() {
        return id;
    }

    public String getNumber() {
        return number;
    }

    public String getCustomer() {
        return customer;
    }

    public BigDecimal getAmount() {
        return amount;
    }

    public String getStatus() {
        return status;
    }

    public void setAmount(BigDecimal amount) {
        this.amount = amount;
    }

    public void setStatus(String status) {
        this.status = status;
    }
}
