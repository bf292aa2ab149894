package dev.attest.it.overhead;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.math.BigDecimal;

/** The same account without Envers: the unaudited baseline. */
@Entity
@Table(name = "bench_plain_account")
public class PlainAccount {

    @Id
    private Long id;

    private BigDecimal balance;

    protected PlainAccount() {
    }

    public PlainAccount(long id) {
        this.id = id;
        this.balance = BigDecimal.ZERO;
    }

    void credit(BigDecimal amount) {
        balance = balance.add(amount);
    }
}
