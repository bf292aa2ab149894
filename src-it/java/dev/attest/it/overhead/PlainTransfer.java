package dev.attest.it.overhead;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.math.BigDecimal;

/** The same transfer without Envers: the unaudited baseline. */
@Entity
@Table(name = "bench_plain_transfer")
public class PlainTransfer {

    @Id
    @GeneratedValue
    private Long id;

    private long accountId;

    private BigDecimal amount;

    private String reference;

    protected PlainTransfer() {
    }

    public PlainTransfer(long accountId, BigDecimal amount, String reference) {
        this.accountId = accountId;
        this.amount = amount;
        this.reference = reference;
    }
}
