package dev.attest.it;

import dev.attest.AuditEvent;
import dev.attest.Category;
import jakarta.inject.Inject;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Attest records its own start and stop: a second application is deployed and undeployed while this one reads. */
@ExtendWith(ArquillianExtension.class)
class LifecycleIT {

    @Deployment(name = "reader")
    static WebArchive reader() {
        return Deployments.war("lifecycle-reader", "");
    }

    @Deployment(name = "other", managed = false, testable = false)
    static WebArchive other() {
        return Deployments.war("lifecycle-other", "attest.security.lockout=true");
    }

    @ArquillianResource
    Deployer deployer;

    @Inject
    Probe probe;

    @Test
    @OperateOnDeployment("reader")
    void anotherApplicationsStartAndStopAreRecorded() {
        deployer.deploy("other");
        List<AuditEvent> started = probe.events("attest.started");
        assertTrue(started.stream().anyMatch(e -> e.details().contains("\"attest.security.lockout\":true")),
                started.toString());
        // the server adapter is chosen by what the server offers: on WildFly, Undertow's servlet extension; on
        // Payara, its web container's valves
        String adapter = Server.current() == Server.PAYARA ? "dev.attest.server.payara.PayaraAdapter"
                : "dev.attest.server.wildfly.WildFlyAdapter";
        assertTrue(started.stream().allMatch(e -> e.details().contains("\"serverAdapters\":[\"" + adapter + "\"]")),
                started.toString());
        assertTrue(started.stream().allMatch(e -> e.details().contains(
                "\"observedBeforeAuthentication\":[\"failed-logins\",\"lockout\",\"container-denials\"]")),
                started.toString());
        deployer.undeploy("other");

        AuditEvent stopped = probe.single("attest.stopped");
        assertEquals(Category.SYSTEM, stopped.category());
        assertEquals("attest", stopped.actor().id());
        assertEquals("SYSTEM", stopped.actor().type().name());
    }
}
