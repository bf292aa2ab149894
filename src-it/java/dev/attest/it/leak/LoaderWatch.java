package dev.attest.it.leak;

import dev.attest.it.Server;
import jakarta.annotation.Resource;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import javax.management.Attribute;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * In a second application: what still holds the class loader of an undeployed one. {@code GET} answers
 * {@code holders=[...];loader=collected|alive}: the threads whose thread-locals or context class loader hold
 * an object of that application, then whether its class loader was collected within two minutes of garbage
 * collection; {@code missing} if no application registered its class loader. With {@code heapDump=FILE} and the
 * loader alive, the server's heap (live objects only) is written to that file, to find what holds it.
 * <p>
 * What the server itself keeps of an application is taken out of the way first, so that only a leak of the
 * application (and of Attest in it) keeps the loader alive:
 * <ul>
 * <li>an idle thread of a JBoss thread pool (EJB, batch, JCA work manager, Undertow workers) keeps the last task
 * it ran, and with it the context class loader of whoever submitted it; while watching, every such pool lets its
 * idle threads time out after a second (its settings are restored after);</li>
 * <li>the messaging client keeps, for diagnostics, the stack of the thread that first opened a pooled JMS
 * connection, classes of that thread's application included; {@code POST} opens one from this application, before
 * the watched application is deployed.</li>
 * </ul>
 */
@WebServlet("/loader-watch")
public class LoaderWatch extends HttpServlet {

    /** The system property an exercised application puts a weak reference to its class loader in. */
    public static final String LOADER = "attest.it.exercised-loader";

    private static final long serialVersionUID = 1L;

    /** The server's JBoss thread pools. */
    private static final String POOLS = "jboss.threads:type=thread-pool,*";

    @Resource(lookup = "java:comp/DefaultJMSConnectionFactory")
    transient ConnectionFactory connections;

    /** Opens the pooled JMS connection from this application, so that the messaging client's traces name it. */
    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        try (JMSContext jms = connections.createContext()) {
            jms.createProducer().send(jms.createTemporaryQueue(), "warm-up");
        }
        response.getWriter().print("warm");
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object held = System.getProperties().get(LOADER);
        if (!(held instanceof Reference<?> loader)) {
            response.getWriter().print("missing");
            return;
        }
        Map<ObjectName, Object[]> pools = idleThreadsTimeOut();
        long deadline = System.nanoTime() + 120_000_000_000L;
        try {
            awaitCollection(loader, deadline);
        } finally {
            restore(pools);
        }
        ClassLoader alive = (ClassLoader) loader.get();
        System.getProperties().remove(LOADER);
        String heapDump = request.getParameter("heapDump");
        if (alive != null && heapDump != null && !heapDump.isBlank()) {
            dumpHeap(heapDump);
        }
        response.getWriter().print("holders=" + (alive == null ? List.of() : holders(alive))
                + ";loader=" + (alive == null ? "collected" : "alive"));
    }

    private static void awaitCollection(Reference<?> loader, long deadline) {
        while (loader.get() != null && System.nanoTime() < deadline) {
            List<byte[]> pressure = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                pressure.add(new byte[1 << 20]);
            }
            pressure.clear();
            System.gc();
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
    }

    /** Lets the idle threads of every JBoss thread pool time out after a second; returns the settings to restore. */
    private static Map<ObjectName, Object[]> idleThreadsTimeOut() throws IOException {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        Map<ObjectName, Object[]> saved = new LinkedHashMap<>();
        try {
            for (ObjectName pool : server.queryNames(new ObjectName(POOLS), null)) {
                saved.put(pool, new Object[] {server.getAttribute(pool, "AllowCoreThreadTimeOut"),
                        server.getAttribute(pool, "KeepAliveTimeSeconds")});
                server.setAttribute(pool, new Attribute("KeepAliveTimeSeconds", 1L));
                server.setAttribute(pool, new Attribute("AllowCoreThreadTimeOut", true));
            }
        } catch (JMException e) {
            restore(saved);
            throw new IOException("cannot set the idle timeout of the server's thread pools", e);
        }
        return saved;
    }

    private static void restore(Map<ObjectName, Object[]> saved) {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        saved.forEach((pool, settings) -> {
            try {
                server.setAttribute(pool, new Attribute("AllowCoreThreadTimeOut", settings[0]));
                server.setAttribute(pool, new Attribute("KeepAliveTimeSeconds", settings[1]));
            } catch (JMException e) {
                throw new IllegalStateException("cannot restore the thread pool " + pool, e);
            }
        });
    }

    private static void dumpHeap(String file) throws IOException {
        try {
            ManagementFactory.getPlatformMBeanServer().invoke(new ObjectName("com.sun.management:type=HotSpotDiagnostic"),
                    "dumpHeap", new Object[] {file, true}, new String[] {String.class.getName(), boolean.class.getName()});
        } catch (JMException e) {
            throw new IOException("cannot dump the heap to " + file, e);
        }
    }

    /** The threads whose thread-locals hold an object of {@code loader}'s classes, to say what pins it. */
    private static List<String> holders(ClassLoader loader) {
        List<String> found = new ArrayList<>();
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            for (String mapField : List.of("threadLocals", "inheritableThreadLocals")) {
                try {
                    Object map = field(Thread.class, mapField).get(thread);
                    if (map == null) {
                        continue;
                    }
                    for (Object entry : (Object[]) field(map.getClass(), "table").get(map)) {
                        Object value = entry == null ? null : field(entry.getClass(), "value").get(entry);
                        Object held = value instanceof Reference<?> reference ? reference.get() : value;
                        if (held != null && (held.getClass().getClassLoader() == loader || held == loader)) {
                            found.add(thread.getName() + " " + mapField + ": " + held.getClass().getName());
                        }
                    }
                } catch (ReflectiveOperationException | RuntimeException unreadable) {
                    found.add(thread.getName() + ": " + unreadable);
                }
            }
            if (thread.getContextClassLoader() == loader && Server.countsContextClassLoaders()) {
                found.add(thread.getName() + ": context class loader");
            }
        }
        return found;
    }

    private static java.lang.reflect.Field field(Class<?> type, String name) throws NoSuchFieldException {
        java.lang.reflect.Field field = type.getDeclaredField(name);
        field.setAccessible(true);
        return field;
    }
}
