package dev.attest.verify;

import dev.attest.internal.integrity.Checkpoint;
import dev.attest.internal.integrity.ErasedRow;
import dev.attest.internal.integrity.Hashes;
import dev.attest.internal.integrity.Json;
import dev.attest.internal.integrity.LeafWriter;
import dev.attest.internal.integrity.Merkle;
import dev.attest.internal.integrity.Preimages;
import dev.attest.internal.integrity.TrustedKeys;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Self-contained proofs of single events: the event's columns and salt, its leaf index, the audit path and the
 * signed checkpoint whose root it leads to (built by {@code ProofBundles}). The same bundle is the seal data of an
 * export line.
 */
public final class Proofs {

    private Proofs() {
    }

    /** Checks a bundle; adds findings for event {@code id} to {@code report}. Returns whether it verifies. */
    @SuppressWarnings("unchecked")
    public static boolean verify(Map<String, Object> bundle, TrustedKeys keys, Report report) {
        String id = String.valueOf(bundle.get("id"));
        try {
            Checkpoint checkpoint = Checkpoint.from((Map<String, Object>) bundle.get("checkpoint"));
            if (!checkpoint.signedBy(keys)) {
                report.tampered("untrusted-checkpoint", Preimages.EVENT_TABLE, id, "the proof's checkpoint is not signed by a trusted key");
                return false;
            }
            Map<String, String> columns = strings(bundle.get("columns"));
            Object erased = bundle.get("erased");
            byte[] leaf;
            if (erased instanceof Map<?, ?> entries) {
                // an erased event: its salt is gone, the commitments an erasure kept stand in for it
                leaf = Merkle.leafHash(Preimages.event(Long.parseLong(id), columns, ErasedRow.parse(Json.canonical(entries)).committer()));
            } else {
                Map<String, String> withheld = strings(bundle.getOrDefault("withheld", Map.of()));
                leaf = new LeafWriter().eventLeaf(Long.parseLong(id), columns, withheld,
                        Hashes.unbase64url((String) bundle.get("salt")));
            }
            List<byte[]> path = new ArrayList<>();
            ((List<Object>) bundle.get("path")).forEach(h -> path.add(Hashes.unhex((String) h)));
            if (!Merkle.verifyInclusion(leaf, (Long) bundle.get("leaf_index"), checkpoint.size(), path,
                    Hashes.unhex(checkpoint.root()))) {
                report.tampered("changed-event", Preimages.EVENT_TABLE, id, "the event does not lead to the signed root");
                return false;
            }
            return true;
        } catch (RuntimeException e) {
            report.tampered("unreadable-proof", Preimages.EVENT_TABLE, id, String.valueOf(e));
            return false;
        }
    }

    /** A JSON object of column values as a sorted map of strings. */
    @SuppressWarnings("unchecked")
    static Map<String, String> strings(Object columns) {
        Map<String, String> out = new TreeMap<>();
        ((Map<String, Object>) columns).forEach((k, v) -> out.put(k, (String) v));
        return out;
    }
}
