package dev.attest.it;

import dev.attest.it.mdb.UnnamedConsumer;
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

/**
 * A message-driven bean without {@code @AuditActor} fails the deployment, naming the bean: the server applies no
 * Attest interceptor to it, and its work must not be recorded as ANONYMOUS.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class MessageDrivenBeanIT {

    @ArquillianResource
    Deployer deployer;

    @Deployment(name = "unnamed-consumer", managed = false, testable = false)
    static WebArchive unnamedConsumer() {
        return Deployments.war("unnamed-consumer", UnnamedConsumer.class);
    }

    @Test
    void messageDrivenBeanWithoutAuditActorFailsTheDeploymentNamingTheBean() {
        ServerLog log = ServerLog.mark();
        assertThrows(Exception.class, () -> deployer.deploy("unnamed-consumer"));
        assertTrue(log.contains("message-driven bean " + UnnamedConsumer.class.getName() + " has no @AuditActor"),
                "the message names the bean: " + log.sinceMark());
    }
}
