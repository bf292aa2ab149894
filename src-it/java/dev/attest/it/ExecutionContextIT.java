package dev.attest.it;

import dev.attest.Actor;
import dev.attest.ActorType;
import dev.attest.AuditContext;
import dev.attest.AuditBatch;
import dev.attest.AuditEvent;
import dev.attest.AuditMessages;
import dev.attest.AuditTrail;
import dev.attest.EventQuery;
import dev.attest.it.contexts.InvoiceConsumer;
import dev.attest.it.contexts.PlainTimers;
import dev.attest.it.contexts.Recorder;
import dev.attest.it.contexts.Timers;
import jakarta.annotation.Resource;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.enterprise.concurrent.ContextService;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.inject.Inject;
import jakarta.jms.JMSContext;
import jakarta.jms.Queue;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URL;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The right actor wherever a Jakarta EE application does work, in events and revisions alike. */
@ExtendWith(ArquillianExtension.class)
class ExecutionContextIT {

    private static final String WORK = "context.work";

    @Deployment
    static WebArchive deployment() {
        return Deployments.war("execution-context").addPackage(Recorder.class.getPackage())
                .addAsResource(new StringAsset(job("entryBatchlet")), "META-INF/batch-jobs/attest-entry.xml")
                .addAsResource(new StringAsset(job("namedBatchlet")), "META-INF/batch-jobs/attest-named.xml");
    }

    private static String job(String batchlet) {
        return """
                <job xmlns="https://jakarta.ee/xml/ns/jakartaee" version="2.0" id="attest-%s">
                    <properties><property name="entry" value="#{jobParameters['entry']}"/></properties>
                    <step id="work"><batchlet ref="%s"/></step>
                </job>
                """.formatted(batchlet, batchlet);
    }

    @ArquillianResource
    URL base;

    @Inject
    Probe probe;

    @Inject
    AuditTrail trail;

    @Inject
    Timers timers;

    @Inject
    PlainTimers plainTimers;

    @Inject
    Recorder recorder;

    @Inject
    JMSContext jms;

    @Resource(lookup = InvoiceConsumer.QUEUE)
    Queue invoices;

    @Resource
    ManagedExecutorService executor;

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Resource
    ContextService contexts;

    private void assertActor(Actor expected, String entry) throws InterruptedException {
        assertEquals(expected, probe.await(WORK, entry).actor(), "event of " + entry);
        assertEquals(List.of(expected.type() + ":" + expected.id()), probe.revisionActors(entry), "revision of " + entry);
    }

    @Test
    void asynchronousSessionBeanCalledFromARequestRecordsTheOriginalCaller() throws Exception {
        HttpResponse<String> response = Http.post(Http.as(Http.request(base, "secured/async?entry=async-1"), "bob", "bob-pw"));

        assertEquals(200, response.statusCode(), response.body());
        assertActor(Actor.user("bob"), "async-1");
    }

    @Test
    void timerCallbackRunsAsItsAuditActor() throws Exception {
        timers.start("timer-named");

        assertActor(Actor.system("reminder-job"), "timer-named");
    }

    @Test
    void timerCallbackWithoutAuditActorRunsAsASystemActorNamedAfterIt() throws Exception {
        plainTimers.start("timer-plain");

        assertActor(Actor.system("PlainTimers#expire"), "timer-plain");
    }

    @Test
    void scheduledTimerWithoutAuditActorRunsAsASystemActorNamedAfterIt() throws Exception {
        assertEquals(Actor.system("Sweeper#sweep"), probe.await(WORK, "schedule").actor());
    }

    @Test
    void startupSingletonWithoutAuditActorRunsAsASystemActorNamedAfterIt() throws Exception {
        assertActor(Actor.system("StartupSeeder#seed"), "startup");
    }

    @Test
    void observersOfTheApplicationStartRunAsSystemActors() throws Exception {
        assertActor(Actor.system("StartupObserver#onStart"), "observer");
        assertActor(Actor.system("cache-warmer"), "observer-named");
    }

    @Test
    void messageConsumerRunsAsItsAuditActor() throws Exception {
        jms.createProducer().send(invoices, "mdb-unstamped");

        assertActor(Actor.system("invoice-consumer"), "mdb-unstamped");
    }

    @Test
    void messageConsumerRunsAsTheSenderWhenTheMessageIsStamped() throws Exception {
        AuditContext.runAs(Actor.user("dora"), () -> AuditContext.withReason("ticket OPS-3",
                () -> jms.createProducer().send(invoices, AuditMessages.stamp(jms.createTextMessage("mdb-stamped")))));

        AuditEvent event = probe.await(WORK, "mdb-stamped");
        assertEquals(Actor.user("dora"), event.actor());
        assertEquals("ticket OPS-3", event.reason());
        assertEquals(List.of("USER:dora"), probe.revisionActors("mdb-stamped"));
    }

    @Test
    void managedExecutorTaskRunsAsTheSubmitterWithItsReason() throws Exception {
        AuditContext.runAs(Actor.user("eve"), () -> AuditContext.withReason("bulk fix", () -> {
            try {
                executor.submit(() -> recorder.work("executor")).get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }));

        assertActor(Actor.user("eve"), "executor");
        assertEquals("bulk fix", probe.single(WORK, "executor").reason());
    }

    @Test
    void pooledExecutorThreadKeepsNothingAfterATask() throws Exception {
        AuditContext.runAs(Actor.user("frank"), () -> {
            try {
                executor.submit(() -> recorder.work("executor-first")).get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        for (int i = 0; i < 8; i++) {
            executor.submit(() -> assertEquals(Actor.anonymous(), dev.attest.context.Scope.current().actor(),
                    "a task carries its own submitter's actor, never an earlier task's")).get(30, TimeUnit.SECONDS);
        }
        executor.submit(() -> recorder.work("executor-after")).get(30, TimeUnit.SECONDS);

        assertEquals(ActorType.ANONYMOUS, probe.single(WORK, "executor-after").actor().type());
    }

    @Test
    void scheduledExecutorTaskRunsAsTheSubmitter() throws Exception {
        AuditContext.runAs(Actor.user("gina"),
                () -> scheduler.schedule(() -> recorder.work("scheduler"), 10, TimeUnit.MILLISECONDS));

        assertActor(Actor.user("gina"), "scheduler");
    }

    @Test
    void contextualTaskRunsAsTheActorWhoCapturedIt() throws Exception {
        Runnable task = AuditContext.runAs(Actor.user("hal"), () -> contexts.contextualRunnable(() -> recorder.work("context-service")));
        Thread plainThread = new Thread(task);
        plainThread.start();
        plainThread.join(30_000);

        assertActor(Actor.user("hal"), "context-service");
    }

    @Test
    void batchJobStartedThroughAuditBatchRunsAsTheActorWhoStartedIt() throws Exception {
        AuditContext.runAs(Actor.user("ivan"), () -> AuditBatch.start("attest-entry", entry("batch-started")));

        assertActor(Actor.user("ivan"), "batch-started");
    }

    @Test
    void batchStepStartedPlainlyRunsAsItsAuditActor() throws Exception {
        BatchRuntime.getJobOperator().start("attest-named", entry("batch-named"));

        assertActor(Actor.system("batch-import"), "batch-named");
    }

    @Test
    void batchStepWithoutAuditActorRunsAsASystemActorNamedAfterIt() throws Exception {
        BatchRuntime.getJobOperator().start("attest-entry", entry("batch-plain"));

        assertActor(Actor.system("EntryBatchlet#process"), "batch-plain");
    }

    private static Properties entry(String entry) {
        Properties parameters = new Properties();
        parameters.setProperty("entry", entry);
        return parameters;
    }

    @Test
    void actingOnBehalfOfSomeoneRecordsBothAndIsFoundByEither() throws Exception {
        Actor agent = Actor.user("agent-7").onBehalfOf(Actor.user("customer-42"));

        AuditContext.runAs(agent, () -> recorder.work("on-behalf"));

        AuditEvent event = probe.single(WORK, "on-behalf");
        assertEquals(agent, event.actor());
        assertEquals(event.id(), trail.events(new EventQuery().actor("customer-42").action(WORK)).get(0).id());
        assertEquals(event.id(), trail.events(new EventQuery().actor("agent-7").action(WORK)).get(0).id());
        assertEquals(agent, trail.history(dev.attest.it.app.Invoice.class,
                Long.parseLong(String.valueOf(probe.rows("select id from Invoice where customer = 'on-behalf'").get(0)))).get(0).actor());
    }
}
