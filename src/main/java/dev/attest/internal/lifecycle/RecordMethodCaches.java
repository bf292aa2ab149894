package dev.attest.internal.lifecycle;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.runtime.ObjectMethods;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Lets go of Attest's records in the JDK's record-method caches when the application stops. The {@code equals},
 * {@code hashCode} and {@code toString} of a record are made on first use by {@link ObjectMethods}, which adapts a
 * few method handles it keeps in static fields to the record's types; on Java 17 each such handle keeps its last
 * adaptation strongly, so the last record class (and its component types) whose methods were made stays reachable
 * from the JDK, and with it its application's class loader, after undeployment. Having the same methods made for
 * a JDK type replaces those adaptations. Newer JDKs keep such adaptations softly; there this changes nothing.
 */
public final class RecordMethodCaches {

    private static final Logger LOG = Logger.getLogger(RecordMethodCaches.class.getName());

    private RecordMethodCaches() {
    }

    /** Has the record methods made once more for {@link String}, whose class loader is the JDK's. */
    public static void release() {
        MethodHandles.Lookup lookup = MethodHandles.publicLookup();
        try {
            MethodHandle component = lookup.findVirtual(String.class, "strip", MethodType.methodType(String.class));
            ObjectMethods.bootstrap(lookup, "equals", MethodType.methodType(boolean.class, String.class, Object.class),
                    String.class, "value", component);
            ObjectMethods.bootstrap(lookup, "hashCode", MethodType.methodType(int.class, String.class), String.class,
                    "value", component);
            ObjectMethods.bootstrap(lookup, "toString", MethodType.methodType(String.class, String.class), String.class,
                    "value", component);
        } catch (Throwable notOnThisJdk) {
            LOG.log(Level.FINE, "record method caches left as they are", notOnThisJdk);
        }
    }
}
