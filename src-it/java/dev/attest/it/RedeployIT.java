package dev.attest.it;

import dev.attest.it.contexts.Recorder;
import dev.attest.it.leak.ExerciseServlet;
import dev.attest.it.leak.LoaderWatch;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URL;
import java.net.http.HttpResponse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Nothing of Attest outlives its application on the server's threads: after every kind of entry point has run
 * (request, actions, an {@code @AuditActor} bean, an asynchronous session bean, an asynchronous event, a managed
 * task that fails, a stamped message, timers, a batch job, startup work, a failed login) and the application is
 * undeployed, no thread's thread-locals or context class loader hold an object of it, as seen from a second
 * application.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class RedeployIT {

    private static final String EXERCISED = "leak-exercised";

    @ArquillianResource
    Deployer deployer;

    @Deployment(name = "observer", testable = false)
    static WebArchive observer() {
        return Deployments.war("leak-observer", LoaderWatch.class);
    }

    @Deployment(name = EXERCISED, managed = false, testable = false)
    static WebArchive exercised() {
        return Deployments.war(EXERCISED, ExerciseServlet.class, LoaderWatch.class).addPackage(Recorder.class.getPackage())
                .addAsResource(new StringAsset("""
                        <job xmlns="https://jakarta.ee/xml/ns/jakartaee" version="2.0" id="attest-entry">
                            <properties><property name="entry" value="#{jobParameters['entry']}"/></properties>
                            <step id="work"><batchlet ref="entryBatchlet"/></step>
                        </job>
                        """), "META-INF/batch-jobs/attest-entry.xml");
    }

    @Test
    void undeployedApplicationLeavesNothingOnTheServersThreads(@ArquillianResource @OperateOnDeployment("observer") URL observer)
            throws Exception {
        URL exercised = new URL(observer, "/" + EXERCISED + "/");
        assertEquals("warm", Http.post(Http.request(observer, "loader-watch")).body(), "the observer opened the pooled JMS connection");
        deployer.deploy(EXERCISED);
        try {
            // every kind of entry point, a batch job among them: longer than one request usually takes on a busy machine
            HttpResponse<String> run = Http.post(Http.as(Http.request(exercised, "secured/exercise"), "bob", "bob-pw")
                    .timeout(java.time.Duration.ofSeconds(120)));
            assertEquals(200, run.statusCode(), run.body());
            assertEquals(401, Http.post(Http.as(Http.request(exercised, "secured/exercise"), "bob", "wrong")).statusCode());
        } finally {
            deployer.undeploy(EXERCISED);
        }

        String heapDump = System.getProperty("attest.it.heap-dump", "");
        HttpResponse<String> watch = Http.send(Http.request(observer, "loader-watch?heapDump="
                + java.net.URLEncoder.encode(heapDump, java.nio.charset.StandardCharsets.UTF_8))
                .timeout(java.time.Duration.ofSeconds(180)).GET().build());

        assertTrue(watch.body().startsWith("holders=[];"), "what the server's threads hold of the undeployed application: "
                + watch.body());
        if (Server.collectsUndeployedLoaders()) {
            assertEquals("holders=[];loader=collected", watch.body(), "the undeployed application's class loader");
        }
    }
}
