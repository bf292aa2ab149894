package dev.attest.it.leak;

import dev.attest.Actor;
import dev.attest.AuditBatch;
import dev.attest.AuditContext;
import dev.attest.AuditMessages;
import dev.attest.it.Probe;
import dev.attest.it.contexts.AsyncService;
import dev.attest.it.contexts.AsyncWork;
import dev.attest.it.contexts.Importer;
import dev.attest.it.contexts.InvoiceConsumer;
import dev.attest.it.contexts.Recorder;
import dev.attest.it.contexts.Timers;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.jms.JMSContext;
import jakarta.jms.Queue;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.lang.ref.WeakReference;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * Hands a weak reference to this application's class loader to the server (a system property, which holds
 * no strong reference), then drives every kind of entry point Attest serves and waits for their events.
 */
@WebServlet("/secured/exercise")
public class ExerciseServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Inject
    transient Recorder recorder;

    @Inject
    transient Importer importer;

    @Inject
    transient Timers timers;

    @Inject
    transient Probe probe;

    @Inject
    transient JMSContext jms;

    @Inject
    transient Event<AsyncWork.Requested> requests;

    @Resource(lookup = InvoiceConsumer.QUEUE)
    transient Queue invoices;

    @Resource
    transient ManagedExecutorService executor;

    @EJB
    transient AsyncService async;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        System.getProperties().put(LoaderWatch.LOADER, new WeakReference<>(getClass().getClassLoader()));
        try {
            recorder.work("leak-request");
            importer.runNow("leak-import");
            async.work("leak-async").get(30, TimeUnit.SECONDS);
            requests.fireAsync(new AsyncWork.Requested("leak-event")).toCompletableFuture().get(30, TimeUnit.SECONDS);
            executor.submit(() -> {
                try {
                    importer.runAndFail("leak-executor");
                } catch (Importer.ImportFailed expected) {
                    // recorded as system.error
                }
            }).get(30, TimeUnit.SECONDS);
            AuditContext.runAs(Actor.user("leak-sender"),
                    () -> jms.createProducer().send(invoices, AuditMessages.stamp(jms.createTextMessage("leak-mdb"))));
            timers.start("leak-timer");
            Properties parameters = new Properties();
            parameters.setProperty("entry", "leak-batch");
            AuditBatch.start("attest-entry", parameters);
            for (String entry : List.of("leak-executor", "leak-mdb", "leak-timer", "leak-batch", "schedule", "startup")) {
                probe.await("context.work", entry);
            }
        } catch (Exception e) {
            throw new IOException(e);
        }
        response.getWriter().print("exercised");
    }
}
