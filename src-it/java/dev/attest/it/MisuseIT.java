package dev.attest.it;

import dev.attest.it.misuse.AuditedSecret;
import dev.attest.it.misuse.TwoTargets;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

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
