package dev.attest.it;

import dev.attest.Actor;
import dev.attest.AuditContext;
import dev.attest.AuditBatch;
import dev.attest.AuditEvent;
import dev.attest.AuditMessages;
import dev.attest.AuditTrail;
import dev.attest.EventQuery;
import dev.attest.EntityChange;
import dev.attest.EntityRevision;
import dev.attest.it.contexts.AsyncCaller;
import dev.attest.it.contexts.ConcurrentWork;
import dev.attest.it.contexts.AsyncWork;
import dev.attest.it.contexts.Facade;
import dev.attest.it.contexts.Importer;
import dev.attest.it.contexts.InvoiceConsumer;
import dev.attest.it.contexts.Line;
import dev.attest.it.contexts.PlainTimers;
import dev.attest.it.contexts.Recorder;
import dev.attest.it.contexts.Timers;
import jakarta.annotation.Resource;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.enterprise.concurrent.ContextService;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.event.Event;
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
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The right actor wherever a Jakarta EE application does work, in events and revisions alike. */
@ExtendWith(ArquillianExtension.class)
class ExecutionContextIT {

    private static final String WORK = "context.work";
    /** The MDC entry in which WildFly carries Attest's context to EJB {@code @Asynchronous} methods. */
    private static final String ASYNC_STAMP = "attest.context";

    @Deployment
    static WebArchive deployment() {
        return Deployments.war("execution-context").addPackage(Recorder.class.getPackage()).addClass(ThreadLocals.class)
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
    Importer importer;

    @Inject
    Facade facade;

    @Inject
    Event<AsyncWork.Requested> requests;

    @Inject
    ConcurrentWork concurrentWork;

    @Inject
    AsyncCaller asyncCaller;

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

    /**
     * A hostile user agent: it tries to forge the stamp's actor and request id, holds escapes that do not decode and
     * a Latin-1 letter, and is longer than any stored value.
     */
    private static final String HOSTILE_AGENT = "Mozilla/5.0 (X11) &attestActorType=SYSTEM&attestActorId=root"
            + "&attestRequestId=forged%0A%zz+\u00e9 " + "x".repeat(3000);

    @Test
    void asynchronousSessionBeanCalledFromARequestRecordsTheRequestContext() throws Exception {
        assertAsynchronousWorkRecordsTheRequestContext("ejb");
    }

    @Test
    void asynchronousEventObserverFiredFromARequestRecordsTheRequestContext() throws Exception {
        assertAsynchronousWorkRecordsTheRequestContext("event");
    }

    @Test
    void concurrencyAsynchronousMethodCalledFromARequestRecordsTheRequestContext() throws Exception {
        assertAsynchronousWorkRecordsTheRequestContext("concurrent");
    }

    @Test
    void managedExecutorTaskSubmittedFromARequestRecordsTheRequestContext() throws Exception {
        assertAsynchronousWorkRecordsTheRequestContext("executor");
    }

    /**
     * An HTTP request does audited work itself and through {@code via} on another thread: both events record the
     * same request context (client address, user agent, method, path, request id), and so do both revisions.
     */
    private void assertAsynchronousWorkRecordsTheRequestContext(String via) throws Exception {
        String entry = "request-" + via + "-" + Long.toString(System.nanoTime() % 1_000_000_000L, 36);
        String requestId = "req-" + entry;
        for (String agent : List.of("attest-it/1.0 (" + via + ")", HOSTILE_AGENT)) {
            String which = agent.equals(HOSTILE_AGENT) ? entry + "-hostile" : entry;
            String id = agent.equals(HOSTILE_AGENT) ? requestId + "-hostile" : requestId;
            // the hostile request also rewrites a session id into its URL: a secret no record may hold
            String path = agent.equals(HOSTILE_AGENT) ? "secured/async-request;jsessionid=S3CR3T" : "secured/async-request";
            HttpResponse<String> response = Http.post(Http.as(Http.request(base, path + "?via=" + via
                    + "&entry=" + which), "bob", "bob-pw").header("User-Agent", agent).header("X-Request-ID", id));
            assertEquals(200, response.statusCode(), response.body());

            AuditEvent synchronous = probe.single(WORK, which + "-sync");
            AuditEvent asynchronous = probe.await(WORK, which);
            assertEquals(id, synchronous.requestId(), "the request id of the synchronous work");
            assertTrue(synchronous.clientAddress() != null && synchronous.userAgent().startsWith(agent.substring(0, 15))
                    && "POST".equals(synchronous.httpMethod()) && synchronous.httpPath().endsWith("/secured/async-request"),
                    "the request context of the synchronous work: " + synchronous);
            assertEquals(List.of(synchronous.clientAddress(), synchronous.userAgent(), synchronous.httpMethod(),
                            synchronous.httpPath(), synchronous.requestId()),
                    Arrays.asList(asynchronous.clientAddress(), asynchronous.userAgent(), asynchronous.httpMethod(),
                            asynchronous.httpPath(), asynchronous.requestId()), "the request context of the work via " + via);
            assertEquals(Actor.user("bob"), asynchronous.actor(), "the actor of the work via " + via);
            assertTrue(!synchronous.httpPath().contains("S3CR3T") && !synchronous.httpPath().contains("?"), synchronous.httpPath());
            assertEquals(revisionRequest(which + "-sync"), revisionRequest(which), "the request of the revision via " + via);
            assertEquals(List.of(id, synchronous.clientAddress()), revisionRequest(which), "the request of the revision via " + via);
        }
    }

    /** The request id and client address of the revision that added the invoice of {@code customer}. */
    private List<String> revisionRequest(String customer) {
        List<Object[]> rows = probe.rows("select r.request_id, r.client_address from Invoice_AUD a join attest_revision r"
                + " on a.REV = r.id where a.customer = '" + customer + "' and a.REVTYPE = 0");
        assertEquals(1, rows.size(), "revisions adding " + customer);
        return Arrays.stream(rows.get(0)).map(String::valueOf).toList();
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
    void pooledExecutorThreadKeepsNothingOfTheApplicationAfterATask() throws Exception {
        for (int i = 0; i < 4; i++) {
            String entry = "executor-leak-" + i;
            Future<Thread> task = AuditContext.runAs(Actor.user("frank"), () -> AuditContext.withReason("cleanup",
                    () -> executor.submit(() -> {
                        assertThrows(Importer.ImportFailed.class, () -> importer.runAndFail(entry));
                        return Thread.currentThread();
                    })));
            Thread pooled = task.get(30, TimeUnit.SECONDS);

            assertEquals(List.of(), ThreadLocals.settledOfApplication(pooled), "thread-locals of the pooled thread after " + entry);
        }
        assertEquals(Actor.user("frank").onBehalfOf(Actor.system("nightly-import")), probe.single(WORK, "executor-leak-0").actor());
    }

    @Test
    void readingTheAuditContextOutsideAnyWorkLeavesNothingOnTheThread() throws Exception {
        assertEquals(List.of(), afterWorkOnAPlainThread(() -> {
            AuditContext.reason();
            AuditContext.correlationId();
            AuditContext.requestId();
        }));
    }

    @Test
    void failureEscapingAnEntryPointLeavesNothingOnTheThread() throws Exception {
        assertEquals(List.of(), afterWorkOnAPlainThread(
                () -> assertThrows(Importer.ImportFailed.class, () -> importer.runAndFail("plain-thread-failure"))));
        assertEquals(1, probe.events("system.error").stream()
                .filter(event -> event.errorMessage() != null && event.errorMessage().contains("plain-thread-failure")).count());
    }

    /** What {@code work}, run on a new thread outside any request, leaves of the application in its thread-locals. */
    private static List<String> afterWorkOnAPlainThread(Runnable work) throws InterruptedException {
        CountDownLatch read = new CountDownLatch(1);
        CountDownLatch inspected = new CountDownLatch(1);
        Thread plain = new Thread(() -> {
            work.run();
            read.countDown();
            try {
                inspected.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        plain.start();
        try {
            assertTrue(read.await(30, TimeUnit.SECONDS), "the work ended");
            return ThreadLocals.ofApplication(plain);
        } finally {
            inspected.countDown();
            plain.join(30_000);
        }
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
    void authenticatedCallerOfAnAuditActorBeanStaysTheActorOnBehalfOfTheSystemActor() throws Exception {
        HttpResponse<String> response = Http.post(Http.as(Http.request(base, "secured/import?entry=import-by-bob"), "bob", "bob-pw"));

        assertEquals(200, response.statusCode(), response.body());
        Actor expected = Actor.user("bob").onBehalfOf(Actor.system("nightly-import"));
        assertEquals(expected, probe.await(WORK, "import-by-bob").actor());
        assertEquals(expected, addedBy("import-by-bob"));
    }

    @Test
    void explicitActorCallingAnAuditActorBeanStaysTheActorOnBehalfOfTheSystemActor() throws Exception {
        AuditContext.runAs(Actor.user("judy"), () -> importer.runNow("import-by-judy"));

        Actor expected = Actor.user("judy").onBehalfOf(Actor.system("nightly-import"));
        assertEquals(expected, probe.single(WORK, "import-by-judy").actor());
        assertEquals(expected, addedBy("import-by-judy"));
    }

    @Test
    void auditActorBeanCalledWithoutACallerRunsAsItsSystemActor() throws Exception {
        importer.runNow("import-alone");

        assertActor(Actor.system("nightly-import"), "import-alone");
    }

    @Test
    void siblingActionsOfOneTransactionFindTheirRevisionAndItFindsThemAll() throws Exception {
        facade.twoActions("sibling-1", "sibling-2");

        AuditEvent first = probe.single(WORK, "sibling-1");
        AuditEvent second = probe.single(WORK, "sibling-2");
        for (AuditEvent action : List.of(first, second)) {
            List<EntityChange> changes = trail.changesOf(action.correlationId());
            assertEquals(List.of("sibling-1", "sibling-2"), changes.stream()
                    .map(change -> probe.find((Long) change.id()).getCustomer()).sorted().toList(), "changes of " + action);
            assertEquals(List.of(first.id(), second.id()),
                    trail.actionBehind(changes.get(0).revision()).stream().map(AuditEvent::id).toList());
        }
    }

    @Test
    void addedEntityListsItsManyToOneAssociationById() throws Exception {
        Line line = recorder.line("line-add");
        long invoice = invoiceOf("line-add");

        EntityRevision added = trail.history(Line.class, line.getId()).get(0);
        assertTrue(added.changes().contains(new EntityRevision.FieldChange("invoice", null, invoice)), added.changes().toString());
        assertTrue(added.changes().contains(new EntityRevision.FieldChange("text", null, "first line")), added.changes().toString());

        recorder.move(line.getId(), "line-moved");
        EntityRevision moved = trail.history(Line.class, line.getId()).get(1);
        assertEquals(List.of(new EntityRevision.FieldChange("invoice", invoice, invoiceOf("line-moved"))), moved.changes());
    }

    @Test
    void concurrencyAsynchronousMethodRunsAsTheExplicitActorWithItsReason() throws Exception {
        AuditContext.runAs(Actor.user("kim"), () -> AuditContext.withReason("ticket ASY-1", () -> {
            try {
                return concurrentWork.work("async-run-as").get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }));

        assertActor(Actor.user("kim"), "async-run-as");
        assertEquals("ticket ASY-1", probe.single(WORK, "async-run-as").reason());
    }

    @Test
    void asynchronousSessionBeanRunsAsTheExplicitActorWithItsReasonAndTheCallersCorrelationId() throws Exception {
        Future<Thread> call = AuditContext.runAs(Actor.user("nina"),
                () -> AuditContext.withReason("ticket ASY-3", () -> asyncCaller.call("ejb-async-run-as")));
        call.get(30, TimeUnit.SECONDS);

        AuditEvent caller = probe.single("context.async-call", "ejb-async-run-as");
        AuditEvent work = probe.await(WORK, "ejb-async-run-as");
        assertEquals(Actor.user("nina"), work.actor());
        assertEquals("ticket ASY-3", work.reason());
        assertEquals(caller.correlationId(), work.correlationId(), "the asynchronous work belongs to its caller's action");
        List<Object[]> revisions = probe.rows("select r.actor_type, r.actor_id, r.reason, r.correlation_id from Invoice_AUD a"
                + " join attest_revision r on a.REV = r.id where a.customer = 'ejb-async-run-as' and a.REVTYPE = 0");
        assertEquals(1, revisions.size());
        assertEquals(List.of("USER", "nina", "ticket ASY-3", caller.correlationId()),
                Arrays.stream(revisions.get(0)).map(String::valueOf).toList(), "revision");
    }

    @Test
    void asynchronousSessionBeanCalledWithAReasonOnlyKeepsItsCallersActorReasonAndCorrelationId() throws Exception {
        Future<Thread> call = AuditContext.withReason("ticket ASY-4", () -> asyncCaller.call("ejb-async-reason"));
        call.get(30, TimeUnit.SECONDS);

        AuditEvent caller = probe.single("context.async-call", "ejb-async-reason");
        AuditEvent work = probe.await(WORK, "ejb-async-reason");
        assertEquals(caller.actor(), work.actor());
        assertEquals("ticket ASY-4", work.reason());
        assertEquals(caller.correlationId(), work.correlationId());
    }

    @Test
    void asynchronousSessionBeanCallLeavesNoStampOnTheCallerNorThePoolThread() throws Exception {
        Thread caller = Thread.currentThread();
        // the test itself runs in an HTTP request: its stamp holds the request context until the request ends
        List<String> before = ThreadLocals.mapsHolding(caller, ASYNC_STAMP);
        for (int i = 0; i < 4; i++) {
            String entry = "ejb-async-leak-" + i;
            Future<Thread> call = AuditContext.runAs(Actor.user("otto"), () -> {
                List<String> stamped = ThreadLocals.mapsHolding(caller, ASYNC_STAMP);
                assertEquals(1, stamped.size(), "the stamp rides in the caller's MDC");
                assertTrue(stamped.get(0).contains("attestActorId=otto"), stamped.get(0));
                return asyncCaller.call(entry);
            });
            Thread pooled = call.get(30, TimeUnit.SECONDS);

            assertEquals(before, ThreadLocals.mapsHolding(caller, ASYNC_STAMP), "caller after " + entry);
            assertEquals(List.of(), ThreadLocals.settled(() -> ThreadLocals.mapsHolding(pooled, ASYNC_STAMP)), "pool thread after " + entry);
            assertEquals(List.of(), ThreadLocals.settledOfApplication(pooled), "thread-locals of the pool thread after " + entry);
            assertEquals(Actor.user("otto"), probe.await(WORK, entry).actor());
        }
    }

    @Test
    void asynchronousEventObserverRunsAsTheActorWhoFiredItWithItsReason() throws Exception {
        AuditContext.runAs(Actor.user("lee"), () -> AuditContext.withReason("ticket ASY-2", () -> {
            try {
                return requests.fireAsync(new AsyncWork.Requested("async-event")).toCompletableFuture().get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }));

        assertActor(Actor.user("lee"), "async-event");
        assertEquals("ticket ASY-2", probe.single(WORK, "async-event").reason());
    }

    @Test
    void stampWithAnOverlongCorrelationIdStillRecordsTheSender() throws Exception {
        jms.createProducer().send(invoices, stamped("mdb-long-correlation", "USER", "mallory", "c".repeat(300)));

        AuditEvent event = probe.await(WORK, "mdb-long-correlation");
        assertEquals(Actor.user("mallory"), event.actor());
        assertTrue(event.correlationId() != null && event.correlationId().length() <= 64, event.correlationId());
    }

    @Test
    void stampWithAMalformedActorIsIgnored() throws Exception {
        jms.createProducer().send(invoices, stamped("mdb-bad-type", "ROOT", "mallory", null));
        jms.createProducer().send(invoices, stamped("mdb-long-actor", "USER", "m".repeat(300), null));
        jms.createProducer().send(invoices, stamped("mdb-control-actor", "USER", "mallory\nUSER:admin", null));

        for (String entry : List.of("mdb-bad-type", "mdb-long-actor", "mdb-control-actor")) {
            assertEquals(Actor.system("invoice-consumer"), probe.await(WORK, entry).actor(), entry);
        }
    }

    private jakarta.jms.Message stamped(String body, String actorType, String actorId, String correlationId) throws Exception {
        jakarta.jms.Message message = jms.createTextMessage(body);
        message.setStringProperty("attestActorType", actorType);
        message.setStringProperty("attestActorId", actorId);
        if (correlationId != null) {
            message.setStringProperty("attestCorrelationId", correlationId);
        }
        return message;
    }

    private long invoiceOf(String customer) {
        return Long.parseLong(String.valueOf(probe.rows("select id from Invoice where customer = '" + customer + "'").get(0)));
    }

    private Actor addedBy(String customer) {
        return trail.history(dev.attest.it.app.Invoice.class, invoiceOf(customer)).get(0).actor();
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
