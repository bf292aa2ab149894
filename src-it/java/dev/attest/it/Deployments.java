package dev.attest.it;

import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.EmptyAsset;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;

import java.io.File;
import java.util.Arrays;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Test deployments built the way the README tells users to build theirs: attest.jar and its runtime
 * dependencies in WEB-INF/lib, one persistence unit, nothing else about Attest in any descriptor.
 */
public final class Deployments {

    private static final boolean POSTGRESQL = "postgresql".equals(System.getProperty("attest.it.db"));
    private static final Server SERVER = Server.current();
    private static final String DATASOURCE = POSTGRESQL ? "java:app/jdbc/attest-it" : SERVER.h2DataSource();

    private Deployments() {
    }

    /** A WAR with Attest, the test application and {@code classes}, configured by {@code config} lines. */
    public static WebArchive war(String name, String config, Class<?>... classes) {
        return war(name, config, true, classes);
    }

    public static WebArchive war(String name, Class<?>... classes) {
        return war(name, null, classes);
    }

    /**
     * Like {@link #war(String, String, Class[])}, but web.xml declares no login method and no constraint: the
     * application's own {@code @LoginConfig} decides (WildFly ignores that annotation when web.xml has a login-config).
     */
    public static WebArchive warWithoutLoginConfig(String name, String config, Class<?>... classes) {
        return war(name, config, false, classes);
    }

    /** Like {@link #war(String, String, Class[])}, but with FORM login (pages {@code /login.html} and {@code /login-error.html}). */
    public static WebArchive warWithFormLogin(String name, String config, Class<?>... classes) {
        return war(name, config, "FORM", classes)
                .addAsWebResource(new StringAsset("<form method='post' action='j_security_check'>"
                        + "<input name='j_username'><input name='j_password' type='password'></form>"), "login.html")
                .addAsWebResource(new StringAsset("login failed"), "login-error.html");
    }

    private static WebArchive war(String name, String config, boolean basicLogin, Class<?>... classes) {
        return war(name, config, basicLogin ? "BASIC" : null, classes);
    }

    private static WebArchive war(String name, String config, String loginMethod, Class<?>... classes) {
        WebArchive war = ShrinkWrap.create(WebArchive.class, name + ".war")
                .addAsLibrary(new File(property("attest.jar")))
                .addAsLibraries(jars("runtime"))
                .addClasses(Deployments.class, Server.class, Probe.class, Http.class, ServerLog.class)
                .addPackage(dev.attest.it.app.Invoice.class.getPackage())
                .addClasses(classes)
                .addAsWebInfResource(EmptyAsset.INSTANCE, "beans.xml")
                .addAsResource(new StringAsset(persistenceXml()), "META-INF/persistence.xml")
                .addAsResource(new StringAsset(SERVER.configDefaults() + (config == null ? "" : config)),
                        "META-INF/microprofile-config.properties")
                .setWebXML(new StringAsset(webXml(loginMethod)));
        for (String folder : SERVER.bundledLibraryFolders()) {
            war.addAsLibraries(jars(folder));
        }
        if (POSTGRESQL) {
            war.addAsLibraries(jars("postgresql"));
        }
        return war;
    }

    private static File[] jars(String folder) {
        File dir = new File(property("attest.it.lib"), folder);
        return Objects.requireNonNull(dir.listFiles((d, file) -> file.endsWith(".jar")), "no jars in " + dir);
    }

    private static String property(String key) {
        return Objects.requireNonNull(System.getProperty(key), "system property " + key + " (set by the build)");
    }

    private static String persistenceXml() {
        return persistenceXml("drop-and-create");
    }

    /** The persistence.xml of the test WARs, with the given schema generation action. */
    static String persistenceXml(String schemaAction) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <persistence xmlns="https://jakarta.ee/xml/ns/persistence" version="3.1">
                    <persistence-unit name="app">
                %s        <jta-data-source>%s</jta-data-source>
                        <properties>
                            <property name="jakarta.persistence.schema-generation.database.action" value="%s"/>
                %s        </properties>
                    </persistence-unit>
                </persistence>
                """.formatted(SERVER.persistenceUnitExtras(), DATASOURCE, schemaAction, SERVER.persistenceProperties()).strip();
    }

    private static String webXml(String loginMethod) {
        String dataSource = !POSTGRESQL ? "" : """
                    <data-source>
                        <name>%s</name>
                        <class-name>org.postgresql.ds.PGSimpleDataSource</class-name>
                        <url>%s</url>
                        <user>%s</user>
                %s        <transactional>true</transactional>
                        <max-pool-size>30</max-pool-size>
                    </data-source>
                """.formatted(DATASOURCE, property("attest.it.db.url"), property("attest.it.db.user"),
                SERVER.dataSourcePassword(System.getProperty("attest.it.db.password", "")));
        String formPages = !"FORM".equals(loginMethod) ? "" : """
                        <form-login-config>
                            <form-login-page>/login.html</form-login-page>
                            <form-error-page>/login-error.html</form-error-page>
                        </form-login-config>
                """;
        String security = loginMethod == null ? "" : """
                    <security-constraint>
                        <web-resource-collection>
                            <web-resource-name>secured</web-resource-name>
                            <url-pattern>/secured/*</url-pattern>
                        </web-resource-collection>
                        <auth-constraint>
                            <role-name>user</role-name>
                        </auth-constraint>
                    </security-constraint>
                    <login-config>
                        <auth-method>%s</auth-method>
                        <realm-name>ApplicationRealm</realm-name>
                %s    </login-config>
                    <security-role>
                        <role-name>user</role-name>
                    </security-role>
                """.formatted(loginMethod, formPages);
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.0">
                %s%s</web-app>
                """.formatted(security, dataSource).strip();
    }

    /** The database the suite runs on: {@code H2} or {@code PostgreSQL}. */
    static String databaseLabel() {
        return POSTGRESQL ? "PostgreSQL" : "H2 file";
    }

    /** Joins lines of a microprofile-config.properties file. */
    public static String config(String... lines) {
        return Arrays.stream(lines).collect(Collectors.joining("\n"));
    }
}
