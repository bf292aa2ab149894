package dev.attest.internal.integrity;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A signed note of the log's state: origin, tree size, root hash, time and the hash of the previous checkpoint.
 * Its text is one line of canonical JSON; the signatures cover the canonical JSON of the other fields.
 *
 * @param previous the {@link #hash()} of the checkpoint before it in the chain, null for the first
 */
public record Checkpoint(String origin, long size, String root, String time, String previous,
                         List<Signed> signatures) {

    /** One signature: the key id ({@link TrustedKeys#keyId}), the algorithm and the base64url signature. */
    public record Signed(String key, String alg, String sig) {
    }

    /** The unsigned checkpoint. */
    public static Checkpoint of(String origin, long size, byte[] root, Instant time, String previous) {
        return new Checkpoint(origin, size, Hashes.hex(root), time.toString(), previous, List.of());
    }

    /** The bytes the signatures cover. */
    public byte[] body() {
        Map<String, Object> body = new TreeMap<>();
        body.put("v", (long) Preimages.VERSION);
        body.put("origin", origin);
        body.put("size", size);
        body.put("root", root);
        body.put("time", time);
        body.put("previous", previous);
        return Json.canonical(body).getBytes(StandardCharsets.UTF_8);
    }

    /** The hex SHA-256 of {@link #body()}: what the next checkpoint names as previous. */
    public String hash() {
        return Hashes.hex(Hashes.sha256(body()));
    }

    /** This checkpoint signed by one more key. */
    public Checkpoint signedBy(PrivateKey key, PublicKey publicKey) {
        try {
            String alg = TrustedKeys.signatureAlgorithm(publicKey);
            Signature s = Signature.getInstance(alg);
            s.initSign(key);
            s.update(body());
            List<Signed> all = new ArrayList<>(signatures);
            all.add(new Signed(TrustedKeys.keyId(publicKey), alg, Hashes.base64url(s.sign())));
            return new Checkpoint(origin, size, root, time, previous, List.copyOf(all));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign a checkpoint with key " + TrustedKeys.keyId(publicKey) + ": " + e, e);
        }
    }

    /** Whether one of the signatures is valid under a key of {@code keys} valid at this checkpoint's time. */
    public boolean signedBy(TrustedKeys keys) {
        Instant at = Instant.parse(time);
        for (Signed signed : signatures) {
            for (TrustedKeys.Key key : keys.keys()) {
                if (key.id().equals(signed.key()) && key.validAt(at) && key.verifies(body(), signed.alg(), signed.sig())) {
                    return true;
                }
            }
        }
        return false;
    }

    public String json() {
        Map<String, Object> all = new TreeMap<>();
        all.put("v", (long) Preimages.VERSION);
        all.put("origin", origin);
        all.put("size", size);
        all.put("root", root);
        all.put("time", time);
        all.put("previous", previous);
        List<Object> sigs = new ArrayList<>();
        for (Signed s : signatures) {
            Map<String, Object> m = new TreeMap<>();
            m.put("key", s.key());
            m.put("alg", s.alg());
            m.put("sig", s.sig());
            sigs.add(m);
        }
        all.put("signatures", sigs);
        return Json.canonical(all);
    }

    /** A checkpoint from its {@link #json()} text. */
    @SuppressWarnings("unchecked")
    public static Checkpoint parse(String json) {
        return from((Map<String, Object>) Json.parse(json));
    }

    @SuppressWarnings("unchecked")
    public static Checkpoint from(Map<String, Object> m) {
        if (!Long.valueOf(Preimages.VERSION).equals(m.get("v"))) {
            throw new IllegalArgumentException("unknown checkpoint version " + m.get("v"));
        }
        List<Signed> sigs = new ArrayList<>();
        for (Object o : (List<Object>) m.getOrDefault("signatures", List.of())) {
            Map<String, Object> s = (Map<String, Object>) o;
            sigs.add(new Signed((String) s.get("key"), (String) s.get("alg"), (String) s.get("sig")));
        }
        return new Checkpoint((String) m.get("origin"), (Long) m.get("size"), (String) m.get("root"),
                (String) m.get("time"), (String) m.get("previous"), List.copyOf(sigs));
    }
}
