package dev.attest.spi;

import java.nio.file.Path;
import java.util.Set;

/**
 * What Attest needs from one server that no Jakarta EE API offers. Implementations are found with
 * {@link java.util.ServiceLoader} in the application's class loader when the application starts; those whose
 * {@link #available(ClassLoader)} is {@code true} serve it. Attest ships one for WildFly
 * ({@code dev.attest.server.wildfly}) and one for Payara ({@code dev.attest.server.payara}); an application may
 * add its own for another server with a {@code META-INF/services/dev.attest.spi.ServerAdapter} entry.
 * An implementation must not refer to server classes in its own signatures: it is loaded on every server.
 */
public interface ServerAdapter {

    /**
     * Whether the server at hand offers what this adapter needs, decided by the classes {@code applicationLoader}
     * can load (never by a product name). Called once when the application starts, before any other method.
     */
    boolean available(ClassLoader applicationLoader);

    /**
     * The security events this adapter records on its server that portable components cannot observe. Called once
     * when the application starts: a kind no available adapter observes fails the deployment unless the application
     * accepts going without it ({@code attest.security.unobserved}).
     */
    Set<SecurityObservation> observes();

    /**
     * The bean method an EJB denial names, as {@code Bean#method}, read from the way this server reports it;
     * {@code null} when the denial does not name it. Called for each denial that escapes an audited action.
     *
     * @param denial the {@code jakarta.ejb.EJBAccessException} (or the exception wrapping it) the container threw
     */
    String deniedMethod(Throwable denial);

    /**
     * Keeps {@code stamp}, Attest's context on the calling thread as one line of text, where this server carries
     * it from the caller of an EJB {@code @Asynchronous} method to the thread that runs it; {@code null} takes it
     * back. The text is rendered only when first read ({@code toString()}), as most stamps are never carried
     * anywhere: keep the sequence itself rather than its text. Called on the caller's thread whenever its explicit
     * actor, reason, correlation id or HTTP request changes; must not throw, and must leave nothing on the thread
     * once given {@code null}. By default the server carries nothing.
     */
    default void carryToAsynchronousCalls(CharSequence stamp) {
    }

    /**
     * The stamp carried into the EJB {@code @Asynchronous} method running on the calling thread, or {@code null}.
     * Attest checks it as it checks any stamp.
     */
    default CharSequence carriedToAsynchronousCall() {
        return null;
    }

    /**
     * The folder this server instance keeps its own data in, which no other server on the machine shares: the
     * default home of Attest's durable journal. {@code null} when this adapter does not know it; Attest then
     * falls back to the system temporary directory.
     */
    default Path dataDirectory() {
        return null;
    }
}
