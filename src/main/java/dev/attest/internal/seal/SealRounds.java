package dev.attest.internal.seal;

import dev.attest.internal.integrity.Checkpoint;
import dev.attest.internal.integrity.Preimages;
import dev.attest.internal.integrity.Rows;
import dev.attest.internal.integrity.SealedRows;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import org.hibernate.Session;
import org.hibernate.jdbc.ReturningWork;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

/** The sealer's transactions, each one of its own on the application's data source. */
@ApplicationScoped
@Transactional(Transactional.TxType.REQUIRES_NEW)
public class SealRounds {

    @PersistenceContext
    EntityManager entityManager;

    /** One round of {@code sealer}; rolls back when another sealer appended first. */
    public Sealer.Round round(Sealer sealer) {
        return work(sealer::round);
    }

    /** The database copy of a checkpoint already in the checkpoint file. */
    public void copy(Checkpoint checkpoint) {
        work(c -> {
            Sealer.copy(c, checkpoint);
            return null;
        });
    }

    /** Fails (naming the column) when a sealed table has a column the canonical preimage cannot encode. */
    public void checkEncodable() {
        work(c -> {
            List<String> tables = new ArrayList<>(List.of(Preimages.EVENT_TABLE, Preimages.REVISION_TABLE));
            tables.addAll(SealedRows.audTables(c));
            for (String table : tables) {
                try (PreparedStatement s = c.prepareStatement("select * from " + table + " where 1 = 0");
                     ResultSet rs = s.executeQuery()) {
                    Rows.checkEncodable(table, rs.getMetaData());
                }
            }
            return null;
        });
    }

    /** Runs {@code work} on a connection of a new transaction. */
    public <T> T work(ReturningWork<T> work) {
        return entityManager.unwrap(Session.class).doReturningWork(work);
    }
}
