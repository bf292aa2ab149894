package dev.attest.it;

import java.lang.ref.Reference;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** What a thread's thread-locals hold that belongs to the application: what would pin its class loader. */
final class ThreadLocals {

    private ThreadLocals() {
    }

    /** The values of {@code thread}'s thread-locals whose class (or referent's class) the application loaded. */
    static List<String> ofApplication(Thread thread) {
        ClassLoader application = ThreadLocals.class.getClassLoader();
        List<String> found = new ArrayList<>();
        for (String mapField : List.of("threadLocals", "inheritableThreadLocals")) {
            for (Object value : values(thread, mapField)) {
                Object held = value instanceof Reference<?> reference ? reference.get() : value;
                if (held != null && held.getClass().getClassLoader() == application) {
                    found.add(mapField + ": " + value.getClass().getName() + " -> " + held);
                }
            }
        }
        return found;
    }

    /** The thread-local maps of {@code thread} (such as the logging MDC) that hold an entry {@code key}. */
    static List<String> mapsHolding(Thread thread, String key) {
        List<String> found = new ArrayList<>();
        for (String mapField : List.of("threadLocals", "inheritableThreadLocals")) {
            for (Object value : values(thread, mapField)) {
                if (value instanceof Map<?, ?> map && map.containsKey(key)) {
                    found.add(mapField + ": " + value.getClass().getName() + " -> " + map.get(key));
                }
            }
        }
        return found;
    }

    /** Waits up to two seconds for {@code thread} to hold nothing of the application (a pool finishes a task after its result). */
    static List<String> settledOfApplication(Thread thread) throws InterruptedException {
        return settled(() -> ofApplication(thread));
    }

    /** What {@code read} finds once it finds nothing, or after two seconds (a pool finishes a task after its result). */
    static List<String> settled(Supplier<List<String>> read) throws InterruptedException {
        List<String> found = read.get();
        for (int i = 0; i < 20 && !found.isEmpty(); i++) {
            Thread.sleep(100);
            found = read.get();
        }
        return found;
    }

    private static List<Object> values(Thread thread, String mapField) {
        try {
            Object map = field(Thread.class, mapField).get(thread);
            List<Object> values = new ArrayList<>();
            if (map == null) {
                return values;
            }
            for (Object entry : (Object[]) field(map.getClass(), "table").get(map)) {
                if (entry != null) {
                    values.add(field(entry.getClass(), "value").get(entry));
                }
            }
            return values;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read the thread-locals of " + thread, e);
        }
    }

    private static Field field(Class<?> type, String name) throws NoSuchFieldException {
        Field field = type.getDeclaredField(name);
        field.setAccessible(true);
        return field;
    }
}
