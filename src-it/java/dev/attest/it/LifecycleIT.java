package dev.attest.it;

import dev.attest.AuditEvent;
import dev.attest.Category;
import jakarta.inject.Inject;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Attest records its own start and stop: a second application is deployed and undeployed while this one reads. */
@ExtendWith(ArquillianExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LifecycleIT {

    @Deployment(name = "reader")
    static WebArchive reader() {
        return Deployments.war("lifecycle-reader", "");
    }

    @Deployment(name = "other", managed = false, testable = false)
    static WebArchive other() {
        return Deployments.war("lifecycle-other", "attest.security.monitor=true");
    }

    @ArquillianResource
    Deployer deployer;

    @Inject
    Probe probe;

    /** From the client: a deployment from inside the server waits for the client at most 30 s, too short on Payara. */
    @Test
    @Order(1)
    @RunAsClient
    void anotherApplicationIsDeployedAndUndeployed() {
        deployer.deploy("other");
        deployer.undeploy("other");
    }

    @Test
    @Order(2)
    @OperateOnDeployment("reader")
    void anotherApplicationsStartAndStopAreRecorded() {
        List<AuditEvent> started = probe.events("attest.started");
        assertTrue(started.stream().anyMatch(e -> e.details().contains("\"attest.security.monitor\":true")),
                started.toString());
        // the server adapter is chosen by what the server offers (on WildFly, Undertow's servlet extension)
        Server server = Server.current();
        assertTrue(started.stream().allMatch(e -> e.details().contains(
                "\"serverAdapters\":[\"" + server.adapter() + "\"]")), started.toString());
        assertTrue(started.stream().allMatch(e -> e.details().contains(
                "\"observedBeforeAuthentication\":" + server.observedBeforeAuthentication())), started.toString());

        AuditEvent stopped = probe.single("attest.stopped");
        assertEquals(Category.SYSTEM, stopped.category());
        assertEquals("attest", stopped.actor().id());
        assertEquals("SYSTEM", stopped.actor().type().name());
    }
}
