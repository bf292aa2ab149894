package dev.attest.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The package structure a reader relies on: portable code imports no server class, a server adapter is reached only
 * through the seam ({@code dev.attest.spi.ServerAdapter}, found with {@code ServiceLoader}), the public API and the
 * SPI depend on no server, and no two packages depend on each other.
 */
class PackageStructureTest {

    /** Packages of server implementations: only {@code dev.attest.server.*} may use them. */
    static final String[] SERVER_PACKAGES = {"io.undertow..", "org.wildfly..", "org.jboss..", "fish.payara..",
            "com.sun.enterprise..", "com.sun.ejb..", "com.sun.web..", "org.glassfish..", "org.apache.catalina.."};

    static JavaClasses attest;

    @BeforeAll
    static void importClasses() {
        attest = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.attest");
    }

    @Test
    void portableCodeImportsNoServerClass() {
        ArchRule rule = noClasses().that().resideOutsideOfPackage("dev.attest.server..")
                .should().dependOnClassesThat().resideInAnyPackage(SERVER_PACKAGES)
                .because("only server adapters (dev.attest.server.*) may use a server's own classes");
        rule.check(attest);
    }

    @Test
    void publicApiAndSpiDependOnNoServerClassNorAdapter() {
        ArchRule rule = noClasses().that().resideInAnyPackage("dev.attest", "dev.attest.spi")
                .should().dependOnClassesThat().resideInAnyPackage(SERVER_PACKAGES)
                .orShould().dependOnClassesThat().resideInAPackage("dev.attest.server..");
        rule.check(attest);
    }

    @Test
    void wildFlyAdapterIsUsedOnlyThroughTheSeam() {
        onlyThroughTheSeam("dev.attest.server.wildfly..").check(attest);
    }

    @Test
    void payaraAdapterIsUsedOnlyThroughTheSeam() {
        onlyThroughTheSeam("dev.attest.server.payara..").check(attest);
    }

    private static ArchRule onlyThroughTheSeam(String adapter) {
        return noClasses().that().resideOutsideOfPackage(adapter)
                .should().dependOnClassesThat().resideInAPackage(adapter)
                .because("a server adapter is found with ServiceLoader through dev.attest.spi.ServerAdapter");
    }

    /**
     * Every package under {@code dev.attest} against every other. The public package itself is not a slice here: the
     * internals implement its types ({@code Actor}, {@code AuditRecord}...), and three of its entry points are static
     * methods that must reach the thread's audit context (see {@link #publicApiReachesOnlyTheAuditContext()}).
     */
    @Test
    void noCyclesBetweenPackages() {
        slices().matching("dev.attest.(*)..").should().beFreeOfCycles().check(attest);
        slices().matching("dev.attest.internal.(*)..").should().beFreeOfCycles().check(attest);
        slices().matching("dev.attest.server.(*)..").should().beFreeOfCycles().check(attest);
    }

    /**
     * The one exception to "the public API does not depend on internals": {@code AuditContext.runAs}/{@code withReason},
     * {@code AuditBatch} and {@code AuditMessages} are static entry points (no bean to inject where users call them)
     * over the thread's audit context, {@code dev.attest.internal.context}. Nothing else of the public package
     * reaches inside.
     */
    @Test
    void publicApiReachesOnlyTheAuditContext() {
        noClasses().that().resideInAPackage("dev.attest")
                .and().doNotHaveSimpleName("AuditContext").and().doNotHaveSimpleName("AuditBatch")
                .and().doNotHaveSimpleName("AuditMessages")
                .should().dependOnClassesThat().resideInAPackage("dev.attest.internal..")
                .check(attest);
        noClasses().that().resideInAPackage("dev.attest")
                .should().dependOnClassesThat(resideInAPackage("dev.attest.internal..")
                        .and(resideOutsideOfPackage("dev.attest.internal.context..")))
                .check(attest);
    }
}
