package dev.attest.verify;

import dev.attest.internal.integrity.Checkpoint;
import dev.attest.internal.integrity.TrustedKeys;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads a checkpoint file and checks its signatures and its chain. */
public final class Checkpoints {

    static final String FILE = "checkpoint-file";

    private Checkpoints() {
    }

    /** The checkpoints of the file that are signed by a trusted key and chained, in file order. */
    public static List<Checkpoint> read(Path file, TrustedKeys keys, Report report) throws IOException {
        List<Checkpoint> good = new ArrayList<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        Checkpoint previous = null;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).trim();
            if (line.isEmpty()) {
                continue;
            }
            Checkpoint checkpoint;
            try {
                checkpoint = Checkpoint.parse(line);
            } catch (RuntimeException e) {
                report.tampered("unreadable-checkpoint", FILE, i + 1, e.getMessage());
                continue;
            }
            if (!checkpoint.signedBy(keys)) {
                report.tampered("untrusted-checkpoint", FILE, i + 1,
                        "not signed by a trusted key valid at " + checkpoint.time());
                continue;
            }
            String expected = previous == null ? null : previous.hash();
            if (previous != null && !expected.equals(checkpoint.previous())) {
                report.tampered("broken-chain", FILE, i + 1, "names " + checkpoint.previous() + " as previous, not " + expected);
            } else if (previous != null && checkpoint.size() < previous.size()) {
                report.tampered("broken-chain", FILE, i + 1, "the log shrank from " + previous.size() + " to " + checkpoint.size());
            }
            good.add(checkpoint);
            previous = checkpoint;
        }
        return good;
    }
}
