package dev.attest.internal.system;

import dev.attest.Actor;
import dev.attest.AuditLog;
import dev.attest.AuditRecord;
import dev.attest.Category;
import dev.attest.Severity;
import jakarta.enterprise.context.ApplicationScoped;
import dev.attest.internal.context.Scope;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.inject.Inject;

import java.util.logging.Level;
import java.util.logging.Logger;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;

/**
 * {@code system.error}: an exception nobody handled. Records the exception type, its bounded message, the
 * application frame where it was thrown (the first frame of the root cause outside the JDK, the container and
 * Attest) and the first {@value #FRAMES} frames of the root cause's stack trace.
 */
@ApplicationScoped
public class SystemErrors {

    static final int FRAMES = 20;

    private static final List<String> CONTAINER = List.of("java.", "javax.", "jakarta.", "jdk.", "sun.", "com.sun.",
            "org.jboss.", "org.wildfly.", "io.undertow.", "org.hibernate.", "org.apache.", "io.smallrye.",
            "org.eclipse.", "org.glassfish.", "com.fasterxml.", "io.netty.", "org.xnio.");
    private static final Set<String> ATTEST = Set.of("dev.attest.internal.capture", "dev.attest.internal.config", "dev.attest.internal.context",
            "dev.attest.internal.envers", "dev.attest.internal.interceptor", "dev.attest.internal.log", "dev.attest.internal.query", "dev.attest.internal.security",
            "dev.attest.internal.store", "dev.attest.internal.system", "dev.attest.internal.web", "dev.attest.internal.server", "dev.attest.internal.lifecycle",
            "dev.attest.internal.mapping", "dev.attest.server.wildfly",
            "dev.attest.server.payara", "dev.attest");

    private static final Logger LOG = Logger.getLogger(SystemErrors.class.getName());
    /**
     * Root causes already recorded, held weakly and by identity: an exception passing several entry points is
     * one error. Kept by this application-scoped bean, never by a thread, so nothing outlives the application.
     */
    private final Map<Throwable, Boolean> recorded = Collections.synchronizedMap(new WeakHashMap<>());

    @Inject
    AuditLog log;

    /**
     * Records {@code failure}, escaping the entry point {@code where} ({@code Bean#method} of a timer, a startup
     * bean, an observer, a message consumer) with no HTTP request around it (a request's own handler records
     * those); denials are {@code authz.denied}, not errors. Never throws: a failure to record is added to
     * {@code failure} as suppressed and logged.
     */
    public static void escaped(Throwable failure, String where) {
        if (Scope.current().request() != null || denialOf(failure) != null) {
            return;
        }
        try {
            SystemErrors errors = CDI.current().select(SystemErrors.class).get();
            if (errors.firstSight(root(failure))) {
                errors.uncaught(failure, null, where);
            }
        } catch (RuntimeException notRecorded) {
            failure.addSuppressed(notRecorded);
            LOG.log(Level.SEVERE, "could not record the uncaught " + failure.getClass().getName() + " of " + where
                    + ": " + notRecorded);
        }
    }

    /**
     * The denial an exception stands for ({@code EJBAccessException} or JAX-RS {@code ForbiddenException} among its
     * causes), as "Type: message", else {@code null}: a denial is recorded as {@code authz.denied}, never as an error.
     */
    public static String denialOf(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String type = t.getClass().getName();
            if (type.equals("jakarta.ejb.EJBAccessException") || type.equals("jakarta.ws.rs.ForbiddenException")) {
                return t.getClass().getSimpleName() + ": " + t.getMessage();
            }
        }
        return null;
    }

    /** Whether {@code root} is seen here for the first time (CDI proxies forward methods, not fields). */
    boolean firstSight(Throwable root) {
        return recorded.putIfAbsent(root, Boolean.TRUE) == null;
    }

    /**
     * Records {@code error}, uncaught while serving {@code where} (such as {@code GET /app/orders}) for
     * {@code userId} ({@code null}: the current actor).
     */
    public void uncaught(Throwable error, String userId, String where) {
        Throwable root = root(error);
        AuditRecord record = AuditRecord.of(Category.SYSTEM, Severity.ERROR.action()).failure(root)
                .detail("severity", Severity.ERROR.name()).detail("where", where);
        if (userId != null) {
            record.actor(Actor.user(userId));
        }
        if (root != error) {
            record.detail("wrappedIn", error.getClass().getName());
        }
        StackTraceElement frame = applicationFrame(root);
        if (frame != null) {
            Map<String, Object> thrownAt = new LinkedHashMap<>();
            thrownAt.put("class", frame.getClassName());
            thrownAt.put("method", frame.getMethodName());
            thrownAt.put("line", frame.getLineNumber());
            record.detail("thrownAt", thrownAt);
        }
        List<String> stack = new ArrayList<>();
        StackTraceElement[] trace = root.getStackTrace();
        for (int i = 0; i < Math.min(FRAMES, trace.length); i++) {
            stack.add(frame(trace[i]));
        }
        if (trace.length > FRAMES) {
            stack.add("... " + (trace.length - FRAMES) + " more");
        }
        record.detail("stack", stack);
        log.record(record);
    }

    /** {@code class.method(File.java:line)}, without the class loader and module names. */
    static String frame(StackTraceElement e) {
        return e.getClassName() + '.' + e.getMethodName() + '(' + (e.getFileName() == null ? "Unknown Source"
                : e.getFileName() + (e.getLineNumber() >= 0 ? ":" + e.getLineNumber() : "")) + ')';
    }

    static Throwable root(Throwable error) {
        Throwable root = error;
        for (int depth = 0; root.getCause() != null && root.getCause() != root && depth < 20; depth++) {
            root = root.getCause();
        }
        return root;
    }

    /** The first frame of the application: not the JDK, the container, a generated proxy or Attest itself. */
    static StackTraceElement applicationFrame(Throwable error) {
        for (StackTraceElement frame : error.getStackTrace()) {
            String type = frame.getClassName();
            if (CONTAINER.stream().noneMatch(type::startsWith) && !type.contains("$$") && !type.contains("$Proxy$")
                    && !ATTEST.contains(packageOf(type))) {
                return frame;
            }
        }
        return null;
    }

    private static String packageOf(String type) {
        int dot = type.lastIndexOf('.');
        return dot < 0 ? "" : type.substring(0, dot);
    }
}
