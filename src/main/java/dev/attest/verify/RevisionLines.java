package dev.attest.verify;

import dev.attest.internal.integrity.Checkpoint;
import dev.attest.internal.integrity.ErasedRow;
import dev.attest.internal.integrity.Hashes;
import dev.attest.internal.integrity.Json;
import dev.attest.internal.integrity.Merkle;
import dev.attest.internal.integrity.Preimages;
import dev.attest.internal.integrity.SealedRows;
import dev.attest.internal.integrity.TrustedKeys;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Checks one line of a revision archive (written by the retention purge): the revision's columns, its
 * {@code _AUD} rows and its salt (or what an erasure kept) rebuild its leaf, which the audit path leads to the
 * signed checkpoint's root.
 */
final class RevisionLines {

    private RevisionLines() {
    }

    /** Whether {@code line} is a line of a revision archive rather than an event. */
    static boolean isRevision(Map<String, Object> line) {
        return Preimages.REVISION_TABLE.equals(line.get("table"));
    }

    @SuppressWarnings("unchecked")
    static void verify(Map<String, Object> line, TrustedKeys keys, Report report) {
        String id = String.valueOf(line.get("id"));
        if (!(line.get("checkpoint") instanceof Map<?, ?> signed)) {
            report.warning("unsealed-revision", Preimages.REVISION_TABLE, id, "the archive line carries no seal");
            return;
        }
        try {
            Checkpoint checkpoint = Checkpoint.from((Map<String, Object>) signed);
            if (!checkpoint.signedBy(keys)) {
                report.tampered("untrusted-checkpoint", Preimages.REVISION_TABLE, id,
                        "the line's checkpoint is not signed by a trusted key");
                return;
            }
            Preimages.Committer committer = line.get("erased") instanceof Map<?, ?> erased
                    ? ErasedRow.parse(Json.canonical(erased)).committer()
                    : Preimages.salted(Hashes.unbase64url((String) line.get("salt")));
            List<SealedRows.AudRow> aud = new ArrayList<>();
            for (Object row : (List<Object>) line.get("aud")) {
                Map<String, Object> audRow = (Map<String, Object>) row;
                aud.add(new SealedRows.AudRow((String) audRow.get("table"), Proofs.strings(audRow.get("columns"))));
            }
            List<String> digests = SealedRows.unlabelled(SealedRows.labelled(aud, committer));
            byte[] leaf = Merkle.leafHash(Preimages.revision(Long.parseLong(id), Proofs.strings(line.get("columns")), digests,
                    committer));
            List<byte[]> path = new ArrayList<>();
            ((List<Object>) line.get("path")).forEach(h -> path.add(Hashes.unhex((String) h)));
            if (!Merkle.verifyInclusion(leaf, (Long) line.get("leaf_index"), checkpoint.size(), path,
                    Hashes.unhex(checkpoint.root()))) {
                report.tampered("changed-revision", Preimages.REVISION_TABLE, id,
                        "the revision and its _AUD rows do not lead to the signed root");
            }
        } catch (RuntimeException e) {
            report.tampered("unreadable-proof", Preimages.REVISION_TABLE, id, String.valueOf(e));
        }
    }
}
