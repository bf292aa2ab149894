package dev.attest.it.overhead;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.envers.Audited;

import java.math.BigDecimal;

/** A transfer whose history Envers keeps; {@code phase} names the benchmark phase that booked it. */
@Entity
@Audited
@Table(name = "bench_transfer")
public class Transfer {

    @Id
    @GeneratedValue
    private Long id;

    private long accountId;

    private BigDecimal amount;

    private String reference;

    private String phase;

    protected Transfer() {
    }

    public Transfer(long accountId, BigDecimal amount, String reference, String phase) {
        this.accountId = accountId;
        this.amount = amount;
        this.reference = reference;
        this.phase = phase;
    }
}
