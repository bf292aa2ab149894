package dev.attest.it.contexts;

import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * Within one HTTP request, does the audited work of {@code entry} synchronously (as {@code entry-sync}) and then
 * on another thread, as {@code via} says: an EJB {@code @Asynchronous} method ({@code ejb}), an asynchronous CDI
 * event ({@code event}), a Jakarta Concurrency {@code @Asynchronous} method ({@code concurrent}) or a managed
 * executor task ({@code executor}).
 */
@WebServlet("/secured/async-request")
public class AsyncRequestServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @EJB
    transient AsyncService async;

    @Inject
    transient Recorder recorder;

    @Inject
    transient Event<AsyncWork.Requested> requests;

    @Inject
    transient ConcurrentWork concurrentWork;

    @Resource
    transient ManagedExecutorService executor;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String entry = request.getParameter("entry");
        recorder.work(entry + "-sync");
        try {
            switch (request.getParameter("via")) {
                case "ejb" -> async.work(entry).get(30, TimeUnit.SECONDS);
                case "event" -> requests.fireAsync(new AsyncWork.Requested(entry)).toCompletableFuture().get(30, TimeUnit.SECONDS);
                case "concurrent" -> concurrentWork.work(entry).get(30, TimeUnit.SECONDS);
                case "executor" -> executor.submit(() -> recorder.work(entry)).get(30, TimeUnit.SECONDS);
                default -> throw new IllegalArgumentException("via: ejb, event, concurrent or executor");
            }
        } catch (Exception e) {
            throw new IOException(e);
        }
        response.getWriter().print("done");
    }
}
