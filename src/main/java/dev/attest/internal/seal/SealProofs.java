package dev.attest.internal.seal;

import dev.attest.internal.integrity.Checkpoint;
import dev.attest.internal.integrity.Merkle;
import dev.attest.internal.integrity.ProofBundles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The seal state of events and the last checkpoint, for the JSON API, the audit page and sealed exports. */
@ApplicationScoped
public class SealProofs {

    @Inject
    SealRounds rounds;

    @Inject
    SealService service;

    /** The log as of now: every leaf hash and the newest checkpoint copy that covers them. */
    public record Snapshot(Merkle.Tree tree, Checkpoint checkpoint) {
    }

    public Snapshot snapshot() {
        return rounds.work(c -> {
            List<byte[]> leaves = ProofBundles.leafHashes(c);
            return new Snapshot(new Merkle.Tree(leaves), ProofBundles.newestCopy(c, leaves.size()));
        });
    }

    /** The proof bundle of event {@code id} under the snapshot's checkpoint, or null when it is not sealed under it. */
    public Map<String, Object> bundle(Snapshot snapshot, long id) {
        if (snapshot.checkpoint() == null) {
            return null;
        }
        return rounds.work(c -> ProofBundles.bundle(c, id, snapshot.tree(), snapshot.checkpoint()));
    }

    /** Whether sealing is on, and the newest checkpoint (origin, size, root, time) or null. */
    public Map<String, Object> lastCheckpoint() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("enabled", service.enabled());
        Checkpoint newest = rounds.work(c -> ProofBundles.newestCopy(c, Long.MAX_VALUE));
        if (newest == null) {
            body.put("lastCheckpoint", null);
        } else {
            Map<String, Object> cp = new LinkedHashMap<>();
            cp.put("origin", newest.origin());
            cp.put("size", newest.size());
            cp.put("root", newest.root());
            cp.put("time", newest.time());
            cp.put("keys", newest.signatures().stream().map(Checkpoint.Signed::key).toList());
            body.put("lastCheckpoint", cp);
        }
        return body;
    }

    /**
     * The seal state of event {@code id}: {@code unsealed}, {@code sealed} (in the log, no checkpoint yet) or
     * {@code checkpointed} (under a signed checkpoint), with its leaf index and when it was sealed.
     */
    public Map<String, Object> state(long id) {
        return rounds.work(c -> {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("id", id);
            try (PreparedStatement s = c.prepareStatement("select l.leaf_index, l.sealed_at, (select max(tree_size) from "
                    + "attest_seal_checkpoint) from attest_seal_leaf l where l.ref_table = 'attest_event' and l.ref_id = ? "
                    + "and l.kind = 'event'")) {
                s.setLong(1, id);
                try (ResultSet rs = s.executeQuery()) {
                    if (!rs.next()) {
                        body.put("state", "unsealed");
                        return body;
                    }
                    long index = rs.getLong(1);
                    long checkpointed = rs.getLong(3);
                    body.put("state", index < checkpointed ? "checkpointed" : "sealed");
                    body.put("leafIndex", index);
                    body.put("sealedAt", rs.getObject(2, OffsetDateTime.class).toInstant().toString());
                }
            }
            return body;
        });
    }
}
