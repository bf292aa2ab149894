package dev.attest.it;

import java.net.http.HttpClient;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The server the suite runs on, and everything that differs between servers, in one place: the default datasource,
 * what a WAR bundles and declares in persistence.xml, where the server logs and keeps data, the HTTP version to
 * speak. The build names the server ({@code attest.it.server}: {@code wildfly}, or {@code payara} with
 * {@code -Ppayara}); code running inside the server knows it by the server's own system properties.
 */
public enum Server {

    WILDFLY("WildFly"),
    PAYARA("Payara");

    private final String label;

    Server(String label) {
        this.label = label;
    }

    /** The server of this run, on the test client and inside the server alike. */
    public static Server current() {
        String named = System.getProperty("attest.it.server");
        if (named != null) {
            return valueOf(named.toUpperCase(java.util.Locale.ROOT));
        }
        return System.getProperty("com.sun.aas.instanceRoot") != null ? PAYARA : WILDFLY;
    }

    /** The name of the server, for reports and messages. */
    public String label() {
        return label;
    }

    /** The server's own datasource the suite uses on H2: WildFly's ExampleDS, Payara's H2 default pool. */
    String h2DataSource() {
        return this == PAYARA ? "jdbc/__default" : "java:jboss/datasources/ExampleDS";
    }

    /**
     * The persistence.xml lines a user's WAR needs on this server beside the datasource and the schema action: on
     * Payara (which has no Hibernate) the provider and the properties the README's Payara section gives.
     */
    String persistenceUnitExtras() {
        if (this != PAYARA) {
            return "";
        }
        return """
                        <provider>org.hibernate.jpa.HibernatePersistenceProvider</provider>
                """;
    }

    /** The persistence properties a user's WAR needs on this server (see {@link #persistenceUnitExtras()}). */
    String persistenceProperties() {
        if (this != PAYARA) {
            return "";
        }
        return """
                            <property name="hibernate.transaction.jta.platform" value="org.hibernate.engine.transaction.jta.platform.internal.SunOneJtaPlatform"/>
                            <property name="hibernate.enhancer.enableDirtyTracking" value="false"/>
                            <property name="hibernate.enhancer.enableLazyInitialization" value="false"/>
                """;
    }

    /**
     * The microprofile-config.properties lines a user's WAR needs on this server before its own: none on either
     * server (Attest observes every kind of security event on both, so no {@code attest.security.unobserved}).
     */
    String configDefaults() {
        return "";
    }

    /** The class of the server adapter Attest chooses on this server, as its start event names it. */
    String adapter() {
        return this == PAYARA ? "dev.attest.server.payara.PayaraAdapter" : "dev.attest.server.wildfly.WildFlyAdapter";
    }

    /**
     * The security events Attest observes before authentication on this server, as its start event lists them (JSON):
     * every kind on both (Undertow's handler on WildFly, the security valve on Payara).
     */
    String observedBeforeAuthentication() {
        return "[\"failed-logins\",\"lockout\",\"container-denials\"]";
    }

    /**
     * The {@code <password>} line of a {@code <data-source>} for the given password: none when it is empty, except
     * on Payara, whose pool refuses a user without a password ("No password credential found") even where the
     * database asks for none (the suite's PostgreSQL trusts local connections), so it gets a placeholder.
     */
    String dataSourcePassword(String password) {
        String given = !password.isEmpty() ? password : this == PAYARA ? "unused" : null;
        return given == null ? "" : "        <password>" + given + "</password>\n";
    }

    /** The folders of {@code attest.it.lib} whose jars a WAR bundles on this server beside attest.jar's runtime ones. */
    String[] bundledLibraryFolders() {
        return this == PAYARA ? new String[] {"hibernate"} : new String[0];
    }

    /** The server log, read from inside the server (a test method) or from the client. */
    static Path log() {
        String wildflyLogs = System.getProperty("jboss.server.log.dir");
        if (wildflyLogs != null) {
            return Path.of(wildflyLogs, "server.log");
        }
        String payaraDomain = System.getProperty("com.sun.aas.instanceRoot");
        if (payaraDomain != null) {
            return Path.of(payaraDomain, "logs", "server.log");
        }
        return Path.of(Objects.requireNonNull(System.getProperty("attest.it.server.log"),
                "system property attest.it.server.log (set by the build)"));
    }

    /** Attest's default journal folder on the server this code runs in (attest.journal.dir unset). */
    static Path journalDir() {
        String serverData = System.getProperty("jboss.server.data.dir");
        return serverData != null ? Path.of(serverData, "attest") : instanceDir().resolve("data").resolve("attest");
    }

    /** The folder of the server instance this code runs in: WildFly's base directory, Payara's domain directory. */
    static Path instanceDir() {
        String wildfly = System.getProperty("jboss.server.base.dir");
        return Path.of(wildfly != null ? wildfly : Objects.requireNonNull(System.getProperty("com.sun.aas.instanceRoot"),
                "jboss.server.base.dir or com.sun.aas.instanceRoot")).toAbsolutePath();
    }

    /**
     * Whether a thread whose context class loader is an undeployed application's counts as a leak. Not on Payara:
     * its own threads started on demand from an application's thread keep that thread's context class loader after
     * the application is undeployed (seen: the embedded H2's {@code H2-lob-cleaner}, OSGi's {@code FelixResolver-n})
     * and hold no object of Attest's. Thread-locals are checked on every server.
     */
    public static boolean countsContextClassLoaders() {
        return current() != PAYARA;
    }

    /**
     * Whether the suite can expect an undeployed application's class loader to be collected: on WildFly, once its
     * pools' idle threads have let their last tasks go ({@code leak/LoaderWatch}); not on Payara, whose own threads
     * keep the context class loader of the application they last served ({@link #countsContextClassLoaders()}).
     */
    public static boolean collectsUndeployedLoaders() {
        return current() != PAYARA;
    }

    /**
     * The HTTP version the suite's clients speak: HTTP/1.1 everywhere, so no client attempts an h2c upgrade that
     * one server answers and another does not.
     */
    static HttpClient.Version httpVersion() {
        return HttpClient.Version.HTTP_1_1;
    }
}
