package dev.attest.internal.integrity;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The public keys checkpoints may be signed with: PEM {@code PUBLIC KEY} blocks (valid always) and X.509
 * {@code CERTIFICATE} blocks (valid between their dates), as {@code keytool -exportcert -rfc} writes them.
 */
public record TrustedKeys(List<Key> keys) {

    private static final Pattern PEM = Pattern.compile("-----BEGIN ([A-Z ]+)-----([^-]+)-----END \\1-----");

    /** One trusted key and when it may sign. */
    public record Key(String id, PublicKey key, Instant notBefore, Instant notAfter) {
        public boolean validAt(Instant at) {
            return (notBefore == null || !at.isBefore(notBefore)) && (notAfter == null || !at.isAfter(notAfter));
        }

        public boolean verifies(byte[] body, String alg, String sig) {
            try {
                if (!signatureAlgorithm(key).equals(alg)) {
                    return false;
                }
                Signature s = Signature.getInstance(alg);
                s.initVerify(key);
                s.update(body);
                return s.verify(Hashes.unbase64url(sig));
            } catch (GeneralSecurityException | IllegalArgumentException e) {
                return false;
            }
        }
    }

    public static TrustedKeys load(Path file) throws IOException {
        return parse(Files.readString(file, StandardCharsets.US_ASCII));
    }

    public static TrustedKeys parse(String pem) {
        List<Key> keys = new ArrayList<>();
        Matcher m = PEM.matcher(pem);
        while (m.find()) {
            byte[] der = Base64.getMimeDecoder().decode(m.group(2));
            try {
                if (m.group(1).equals("CERTIFICATE")) {
                    X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509")
                            .generateCertificate(new ByteArrayInputStream(der));
                    keys.add(new Key(keyId(cert.getPublicKey()), cert.getPublicKey(),
                            cert.getNotBefore().toInstant(), cert.getNotAfter().toInstant()));
                } else if (m.group(1).equals("PUBLIC KEY")) {
                    PublicKey key = publicKey(der);
                    keys.add(new Key(keyId(key), key, null, null));
                }
            } catch (GeneralSecurityException e) {
                throw new IllegalArgumentException("unreadable " + m.group(1) + " in the trusted keys: " + e.getMessage(), e);
            }
        }
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("the trusted keys file holds no PUBLIC KEY or CERTIFICATE");
        }
        return new TrustedKeys(List.copyOf(keys));
    }

    private static PublicKey publicKey(byte[] der) throws GeneralSecurityException {
        for (String alg : Arrays.asList("Ed25519", "EC")) {
            try {
                return KeyFactory.getInstance(alg).generatePublic(new X509EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                // try the next algorithm
            }
        }
        throw new GeneralSecurityException("neither an Ed25519 nor an EC public key");
    }

    /** The first 8 bytes of the SHA-256 of the key's SubjectPublicKeyInfo, in hex. */
    public static String keyId(PublicKey key) {
        return Hashes.hex(Arrays.copyOf(Hashes.sha256(key.getEncoded()), 8));
    }

    /** {@code Ed25519} for EdDSA keys, {@code SHA256withECDSA} for EC keys. */
    public static String signatureAlgorithm(PublicKey key) {
        String alg = key.getAlgorithm();
        if (alg.equals("EdDSA") || alg.equals("Ed25519")) {
            return "Ed25519";
        }
        if (alg.equals("EC")) {
            return "SHA256withECDSA";
        }
        throw new IllegalArgumentException("checkpoints are signed with Ed25519 or ECDSA P-256 keys, not " + alg);
    }

    /** The PEM {@code PUBLIC KEY} block of a key. */
    public static String pem(PublicKey key) {
        return "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(key.getEncoded()) + "\n-----END PUBLIC KEY-----\n";
    }
}
