package dev.attest.it.overhead;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.envers.Audited;

import java.math.BigDecimal;

/** An account whose history Envers keeps. */
@Entity
@Audited
@Table(name = "bench_account")
public class Account {

    @Id
    private Long id;

    private BigDecimal balance;

    protected Account() {
    }

    public Account(long id) {
        this.id = id;
        this.balance = BigDecimal.ZERO;
    }

    void credit(BigDecimal amount) {
        balance = balance.add(amount);
    }
}
