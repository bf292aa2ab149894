package dev.attest.internal.context;

import dev.attest.internal.server.ServerAdapters;

import java.util.Objects;

/**
 * Carries the audit context into EJB {@code @Asynchronous} methods, which the container hands to another thread
 * before any interceptor runs: while a scope holds an explicit actor, a reason, a correlation id or an HTTP
 * request's context, its {@link ContextStamp#text stamp} is given to the server adapters, which keep it where the
 * server carries it to the asynchronous call (on WildFly, the logging MDC); it is taken back when the scope ends.
 * Only a change of those values gives a new stamp (once per HTTP request, once per change of actor, reason or
 * correlation id), never a mere entry, and its text is written only if something reads it.
 */
public final class AsynchronousCalls {

    private static volatile ServerAdapters servers;

    private AsynchronousCalls() {
    }

    /** Gives the servers the stamp of {@code next} if it differs from that of {@code left}. */
    static void changed(Scope left, Scope next) {
        if (Objects.equals(left.actor(), next.actor()) && Objects.equals(left.reason(), next.reason())
                && Objects.equals(left.correlationId(), next.correlationId()) && Objects.equals(left.request(), next.request())) {
            return;
        }
        servers().carryToAsynchronousCalls(ContextStamp.deferredText(next));
    }

    /**
     * {@code base} with the context the caller of the running asynchronous method stamped, checked as stamps are,
     * or {@code null} if there is none.
     */
    public static Scope carried(Scope base) {
        return ContextStamp.fromText(servers().carriedToAsynchronousCall(), base);
    }

    /** Uses {@code adapters} from now on; {@code null} finds them again in Attest's class loader. */
    static void servedBy(ServerAdapters adapters) {
        servers = adapters;
    }

    private static ServerAdapters servers() {
        ServerAdapters found = servers;
        if (found == null) {
            found = ServerAdapters.load(AsynchronousCalls.class.getClassLoader());
            servers = found;
        }
        return found;
    }
}
