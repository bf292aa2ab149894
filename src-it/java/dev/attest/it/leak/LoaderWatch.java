package dev.attest.it.leak;

import dev.attest.it.Server;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.lang.ref.Reference;
import java.util.ArrayList;
import java.util.List;

/**
 * In a second application: what still holds the class loader of an undeployed one. Answers
 * {@code holders=[...];loader=collected|alive}: the threads whose thread-locals or context class loader hold
 * an object of that application, then whether its class loader was collected within ten seconds of garbage
 * collection; {@code missing} if no application registered its class loader.
 */
@WebServlet("/loader-watch")
public class LoaderWatch extends HttpServlet {

    /** The system property an exercised application puts a weak reference to its class loader in. */
    public static final String LOADER = "attest.it.exercised-loader";

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object held = System.getProperties().get(LOADER);
        if (!(held instanceof Reference<?> loader)) {
            response.getWriter().print("missing");
            return;
        }
        long deadline = System.nanoTime() + 10_000_000_000L;
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
        ClassLoader alive = (ClassLoader) loader.get();
        System.getProperties().remove(LOADER);
        response.getWriter().print("holders=" + (alive == null ? List.of() : holders(alive))
                + ";loader=" + (alive == null ? "collected" : "alive"));
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
