package dev.attest.internal.seal;

import org.eclipse.microprofile.config.Config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.Certificate;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The {@code attest.seal.*} settings, read and validated at deployment: an invalid one fails the deployment with
 * a message naming the key. The key store password comes from the configuration, which includes the environment
 * ({@code ATTEST_SEAL_KEY_STORE_PASSWORD}).
 */
public record SealSettings(boolean enabled, Path keyStore, List<SigningKey> keys, Path checkpointFile,
                           Duration interval, Duration gapHorizon, Duration lease, Duration heartbeat,
                           int batchSize, String origin) {

    public static final String ENABLED = "attest.seal.enabled";
    public static final String KEY_STORE = "attest.seal.key-store";
    public static final String KEY_STORE_PASSWORD = "attest.seal.key-store-password";
    public static final String KEY_ALIAS = "attest.seal.key-alias";
    public static final String CHECKPOINT_FILE = "attest.seal.checkpoint-file";
    public static final String INTERVAL = "attest.seal.interval";
    public static final String GAP_HORIZON = "attest.seal.gap-horizon";
    public static final String LEASE = "attest.seal.lease";
    public static final String HEARTBEAT = "attest.seal.heartbeat";
    public static final String BATCH_SIZE = "attest.seal.batch-size";
    public static final String ORIGIN = "attest.seal.origin";

    /** A key checkpoints are signed with; during a rotation there are two. */
    public record SigningKey(String alias, PrivateKey privateKey, PublicKey publicKey) {
        @Override
        public String toString() {
            return "SigningKey[" + alias + "]";
        }
    }

    /** The same settings with another checkpoint file. */
    public SealSettings withCheckpointFile(Path file) {
        return new SealSettings(enabled, keyStore, keys, file, interval, gapHorizon, lease, heartbeat, batchSize, origin);
    }

    /** The same settings signing with other keys. */
    public SealSettings withKeys(List<SigningKey> signingKeys) {
        return new SealSettings(enabled, keyStore, List.copyOf(signingKeys), checkpointFile, interval, gapHorizon, lease,
                heartbeat, batchSize, origin);
    }

    /** The same settings with another lease ({@link Duration#ZERO}: none, for tests of the compare-and-set alone). */
    public SealSettings withLease(Duration duration) {
        return new SealSettings(enabled, keyStore, keys, checkpointFile, interval, gapHorizon, duration, heartbeat,
                batchSize, origin);
    }

    /** The key of {@code alias} in the PKCS12 key store {@code keyStore}, for a rotation or a test. */
    public static SigningKey signingKey(Path keyStore, String password, String alias) {
        return keys(keyStore, password.toCharArray(), List.of(alias)).get(0);
    }

    /** Sealing off. */
    public static SealSettings disabled() {
        return new SealSettings(false, null, List.of(), null, Duration.ofSeconds(1), Duration.ofMinutes(10),
                Duration.ofSeconds(30), Duration.ofHours(1), 5000, "attest");
    }

    public static SealSettings load(Config config) {
        boolean enabled = config.getOptionalValue(ENABLED, String.class).map(v -> bool(ENABLED, v)).orElse(false);
        Duration interval = duration(config, INTERVAL, "PT1S");
        Duration horizon = duration(config, GAP_HORIZON, "PT10M");
        Duration heartbeat = duration(config, HEARTBEAT, "PT1H");
        Duration lease = config.getOptionalValue(LEASE, String.class).map(v -> parse(LEASE, v, true))
                .orElse(interval.multipliedBy(10).compareTo(Duration.ofSeconds(30)) > 0 ? interval.multipliedBy(10) : Duration.ofSeconds(30));
        int batch = config.getOptionalValue(BATCH_SIZE, Integer.class).orElse(5000);
        if (batch < 1 || batch > 100_000) {
            throw new IllegalArgumentException(BATCH_SIZE + " must be between 1 and 100000, not " + batch);
        }
        String origin = config.getOptionalValue(ORIGIN, String.class).orElse("attest").trim();
        if (!enabled) {
            return new SealSettings(false, null, List.of(), null, interval, horizon, lease, heartbeat, batch, origin);
        }
        Path keyStore = Path.of(required(config, KEY_STORE));
        if (!Files.isReadable(keyStore)) {
            throw new IllegalArgumentException(KEY_STORE + " names no readable file: " + keyStore);
        }
        String password = required(config, KEY_STORE_PASSWORD);
        List<String> aliases = Arrays.stream(required(config, KEY_ALIAS).split(",")).map(String::trim)
                .filter(a -> !a.isEmpty()).toList();
        List<SigningKey> keys = keys(keyStore, password.toCharArray(), aliases);
        Path checkpoints = Path.of(required(config, CHECKPOINT_FILE));
        Path dir = checkpoints.toAbsolutePath().getParent();
        if (dir == null || !Files.isDirectory(dir) || !Files.isWritable(dir)
                || (Files.exists(checkpoints) && !Files.isWritable(checkpoints))) {
            throw new IllegalArgumentException(CHECKPOINT_FILE + " must be a writable file in an existing directory: " + checkpoints);
        }
        return new SealSettings(true, keyStore, keys, checkpoints, interval, horizon, lease, heartbeat, batch, origin);
    }

    static List<SigningKey> keys(Path keyStore, char[] password, List<String> aliases) {
        if (aliases.isEmpty()) {
            throw new IllegalArgumentException(KEY_ALIAS + " must name the signing key's alias");
        }
        KeyStore store;
        try (InputStream in = Files.newInputStream(keyStore)) {
            store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException(KEY_STORE + " " + keyStore + " cannot be opened as a PKCS12 key store with "
                    + KEY_STORE_PASSWORD + ": " + e.getMessage());
        }
        List<SigningKey> keys = new ArrayList<>();
        for (String alias : aliases) {
            try {
                Key key = store.getKey(alias, password);
                Certificate cert = store.getCertificate(alias);
                if (!(key instanceof PrivateKey privateKey) || cert == null) {
                    throw new IllegalArgumentException(KEY_ALIAS + " '" + alias + "' names no private key in " + keyStore);
                }
                String alg = privateKey.getAlgorithm();
                if (!alg.equals("EdDSA") && !alg.equals("Ed25519") && !alg.equals("EC")) {
                    throw new IllegalArgumentException(KEY_ALIAS + " '" + alias + "' is an " + alg
                            + " key; checkpoints are signed with Ed25519 or ECDSA P-256");
                }
                keys.add(new SigningKey(alias, privateKey, cert.getPublicKey()));
            } catch (GeneralSecurityException e) {
                throw new IllegalArgumentException(KEY_ALIAS + " '" + alias + "' cannot be read from " + keyStore + ": " + e.getMessage());
            }
        }
        return List.copyOf(keys);
    }

    private static String required(Config config, String key) {
        String value = config.getOptionalValue(key, String.class).map(String::trim).orElse("");
        if (value.isEmpty()) {
            throw new IllegalArgumentException(key + " is required when " + ENABLED + "=true");
        }
        return value;
    }

    private static boolean bool(String key, String value) {
        return switch (value.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException(key + " must be true or false, not '" + value + "'");
        };
    }

    private static Duration duration(Config config, String key, String defaultValue) {
        return parse(key, config.getOptionalValue(key, String.class).orElse(defaultValue), false);
    }

    private static Duration parse(String key, String value, boolean zeroAllowed) {
        try {
            Duration d = Duration.parse(value.trim());
            if (d.isNegative() || (d.isZero() && !zeroAllowed)) {
                throw new IllegalArgumentException(key + " must be a positive ISO-8601 duration, not '" + value + "'");
            }
            return d;
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(key + " must be an ISO-8601 duration such as PT1S, not '" + value + "'");
        }
    }
}
