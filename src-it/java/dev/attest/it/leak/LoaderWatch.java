package dev.attest.it.leak;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.lang.ref.Reference;
import java.util.ArrayList;
import java.util.List;

/**
 * In a second application: whether the class loader of the undeployed one has been collected, collecting
 * garbage for up to 20 seconds. Answers {@code collected}, {@code alive} (with the threads whose thread-locals
 * or context class loader hold it) or {@code missing}.
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
        long deadline = System.nanoTime() + 20_000_000_000L;
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
        if (alive == null) {
            System.getProperties().remove(LOADER);
            response.getWriter().print("collected");
        } else {
            response.getWriter().print("alive; thread-locals holding it: " + holders(alive));
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
            if (thread.getContextClassLoader() == loader) {
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
