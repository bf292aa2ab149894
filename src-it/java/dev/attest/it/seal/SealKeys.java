package dev.attest.it.seal;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Ed25519 key stores made with keytool, as the README tells operators to, and their trusted-keys PEM files. */
public final class SealKeys {

    public static final String PASSWORD = "seal-test-password";

    private SealKeys() {
    }

    /** A fresh directory under target/ with key store {@code <alias>.p12} and {@code <alias>.pem} for each alias. */
    public static Path create(String name, String... aliases) {
        try {
            Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("target", "seal-it").toAbsolutePath()), name);
            for (String alias : aliases) {
                keytool("-genkeypair", "-keyalg", "Ed25519", "-alias", alias, "-dname", "CN=" + alias,
                        "-validity", "3650", "-storetype", "PKCS12", "-keystore", dir.resolve(alias + ".p12").toString(),
                        "-storepass", PASSWORD);
                keytool("-exportcert", "-rfc", "-alias", alias, "-keystore", dir.resolve(alias + ".p12").toString(),
                        "-storepass", PASSWORD, "-file", dir.resolve(alias + ".pem").toString());
            }
            return dir;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The microprofile-config lines that turn sealing on with the key {@code alias} of {@code dir}. */
    public static String config(Path dir, String alias) {
        return String.join("\n",
                "attest.seal.enabled=true",
                "attest.seal.key-store=" + dir.resolve(alias + ".p12"),
                "attest.seal.key-store-password=" + PASSWORD,
                "attest.seal.key-alias=" + alias,
                "attest.seal.checkpoint-file=" + dir.resolve("checkpoints.log"),
                // tests drive the rounds themselves
                "attest.seal.interval=PT1H",
                "attest.seal.gap-horizon=PT1S");
    }

    private static void keytool(String... args) throws IOException {
        String keytool = System.getProperty("java.home") + File.separator + "bin" + File.separator + "keytool";
        Process p = new ProcessBuilder(concat(keytool, args)).redirectErrorStream(true).start();
        try {
            String out = new String(p.getInputStream().readAllBytes());
            if (p.waitFor() != 0) {
                throw new IllegalStateException("keytool failed: " + out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static List<String> concat(String first, String... rest) {
        List<String> all = new java.util.ArrayList<>();
        all.add(first);
        all.addAll(List.of(rest));
        return all;
    }
}
