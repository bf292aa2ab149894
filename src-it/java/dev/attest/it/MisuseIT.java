package dev.attest.it;

import dev.attest.it.misuse.AuditedSecret;
import dev.attest.it.misuse.NamelessActor;
import dev.attest.it.misuse.TwoTargets;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Misuse fails the deployment with a message naming the class and member, not the first call. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class MisuseIT {

    @ArquillianResource
    Deployer deployer;

    @Deployment(name = "two-targets", managed = false, testable = false)
    static WebArchive twoTargets() {
        return Deployments.war("two-targets", TwoTargets.class);
    }

    @Deployment(name = "audited-secret", managed = false, testable = false)
    static WebArchive auditedSecret() {
        return Deployments.war("audited-secret", AuditedSecret.class);
    }

    @Deployment(name = "bad-config", managed = false, testable = false)
    static WebArchive badConfig() {
        return Deployments.war("bad-config", "attest.failure-policy=FAIL_SOMETIMES");
    }

    @Deployment(name = "nameless-actor", managed = false, testable = false)
    static WebArchive namelessActor() {
        return Deployments.war("nameless-actor", NamelessActor.class);
    }

    /** One deployment per kind of key, each with one bad value. */
    static final Map<String, String[]> BAD_VALUES = badValues();

    private static Map<String, String[]> badValues() {
        Map<String, String[]> bad = new LinkedHashMap<>();
        bad.put("bad-proxies", new String[] {"attest.trusted-proxies=10.0.0.1, 10.0.0.0/33",
                "attest.trusted-proxies: bad prefix length in '10.0.0.0/33'"});
        bad.put("bad-number", new String[] {"attest.max-value-length=lots",
                "attest.max-value-length must be a whole number between 16 and 2000, not 'lots'"});
        bad.put("bad-duration", new String[] {"attest.security.login-failures.window=15 minutes",
                "attest.security.login-failures.window must be an ISO-8601 duration such as PT15M, not '15 minutes'"});
        bad.put("bad-flag", new String[] {"attest.security.lockout=yes", "attest.security.lockout must be true or false, not 'yes'"});
        bad.put("bad-role", new String[] {"attest.viewer-role=*", "attest.viewer-role must name one role, not '*'"});
        bad.put("bad-rule", new String[] {"attest.security.monitor.rules.body=body:x",
                "attest.security.monitor.rules.body must be <part>:<regex>"});
        bad.put("bad-limits", new String[] {"attest.security.login-failures.max-per-address=2\nattest.security.login-failures.max=5",
                "attest.security.login-failures.max-per-address must not be below attest.security.login-failures.max (5), not 2"});
        bad.put("bad-retention", new String[] {"attest.retention.events=P30D",
                "attest.retention.events is P30D, below the floor attest.retention.minimum = P1Y"});
        return bad;
    }

    @Deployment(name = "bad-proxies", managed = false, testable = false)
    static WebArchive badProxies() {
        return Deployments.war("bad-proxies", BAD_VALUES.get("bad-proxies")[0]);
    }

    @Deployment(name = "bad-number", managed = false, testable = false)
    static WebArchive badNumber() {
        return Deployments.war("bad-number", BAD_VALUES.get("bad-number")[0]);
    }

    @Deployment(name = "bad-duration", managed = false, testable = false)
    static WebArchive badDuration() {
        return Deployments.war("bad-duration", BAD_VALUES.get("bad-duration")[0]);
    }

    @Deployment(name = "bad-flag", managed = false, testable = false)
    static WebArchive badFlag() {
        return Deployments.war("bad-flag", BAD_VALUES.get("bad-flag")[0]);
    }

    @Deployment(name = "bad-role", managed = false, testable = false)
    static WebArchive badRole() {
        return Deployments.war("bad-role", BAD_VALUES.get("bad-role")[0]);
    }

    @Deployment(name = "bad-rule", managed = false, testable = false)
    static WebArchive badRule() {
        return Deployments.war("bad-rule", BAD_VALUES.get("bad-rule")[0]);
    }

    @Deployment(name = "bad-limits", managed = false, testable = false)
    static WebArchive badLimits() {
        return Deployments.war("bad-limits", BAD_VALUES.get("bad-limits")[0]);
    }

    @Deployment(name = "bad-retention", managed = false, testable = false)
    static WebArchive badRetention() {
        return Deployments.war("bad-retention", BAD_VALUES.get("bad-retention")[0]);
    }

    @ParameterizedTest
    @ValueSource(strings = {"bad-proxies", "bad-number", "bad-duration", "bad-flag", "bad-role", "bad-rule", "bad-limits",
            "bad-retention"})
    void anInvalidValueFailsTheDeploymentWithAMessageNamingKeyAndValue(String deployment) {
        ServerLog log = ServerLog.mark();
        assertThrows(Exception.class, () -> deployer.deploy(deployment));
        String expected = BAD_VALUES.get(deployment)[1];
        assertTrue(log.contains(expected), "expected '" + expected + "' in: " + log.sinceMark());
    }

    @Test
    void auditActorWithoutANameFailsTheDeploymentNamingTheBean() {
        ServerLog log = ServerLog.mark();
        assertThrows(Exception.class, () -> deployer.deploy("nameless-actor"));
        assertTrue(log.contains("@AuditActor on " + NamelessActor.class.getName() + " names no actor"), log.sinceMark());
    }

    @Test
    void actionWithTwoTargetsFailsTheDeployment() {
        ServerLog log = ServerLog.mark();
        assertThrows(Exception.class, () -> deployer.deploy("two-targets"));
        assertTrue(log.contains("@AuditTarget is on more than one parameter of " + TwoTargets.class.getName()
                + ".transfer"), "the message names class and method");
    }

    @Test
    void redactedEntityFieldThatEnversWouldStoreFailsTheDeployment() {
        ServerLog log = ServerLog.mark();
        assertThrows(Exception.class, () -> deployer.deploy("audited-secret"));
        assertTrue(log.contains("@Redacted field " + AuditedSecret.class.getName()
                + ".pin is audited by Envers"), "the message names the field");
    }

    @Test
    void unknownFailurePolicyFailsTheDeployment() {
        ServerLog log = ServerLog.mark();
        assertThrows(Exception.class, () -> deployer.deploy("bad-config"));
        assertTrue(log.contains("attest.failure-policy must be FAIL_CLOSED or FAIL_OPEN, not 'FAIL_SOMETIMES'"));
    }
}
