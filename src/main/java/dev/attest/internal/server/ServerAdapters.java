package dev.attest.internal.server;

import dev.attest.spi.SecurityObservation;
import dev.attest.spi.ServerAdapter;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The seam between Attest's portable code and the server it runs on: the {@link ServerAdapter}s found with
 * {@link ServiceLoader} whose {@link ServerAdapter#available(ClassLoader)} is true. Portable code reaches server
 * adapters only through this class.
 */
public final class ServerAdapters {

    /** Kinds of security events the application accepts not to record on a server that cannot observe them. */
    public static final String UNOBSERVED = "attest.security.unobserved";

    private final List<ServerAdapter> available;

    ServerAdapters(List<ServerAdapter> available) {
        this.available = List.copyOf(available);
    }

    /** The adapters the server at hand offers what they need, found in {@code loader}. */
    public static ServerAdapters load(ClassLoader loader) {
        List<ServerAdapter> found = new ArrayList<>();
        ServiceLoader<ServerAdapter> services = ServiceLoader.load(ServerAdapter.class, loader);
        for (var iterator = services.iterator(); iterator.hasNext(); ) {
            ServerAdapter adapter;
            try {
                adapter = iterator.next();
            } catch (ServiceConfigurationError unloadable) {
                throw new IllegalStateException("a server adapter listed in META-INF/services/"
                        + ServerAdapter.class.getName() + " cannot be loaded: " + unloadable.getMessage(), unloadable);
            }
            if (adapter.available(loader)) {
                found.add(adapter);
            }
        }
        return of(found);
    }

    /** The given adapters, all taken as available. */
    public static ServerAdapters of(List<ServerAdapter> adapters) {
        return new ServerAdapters(adapters);
    }

    /** The names of the available adapters' classes, for the start message. */
    public List<String> names() {
        return available.stream().map(a -> a.getClass().getName()).toList();
    }

    /** The first data folder of this server instance an available adapter knows, else {@code null}. */
    public Path dataDirectory() {
        for (ServerAdapter adapter : available) {
            Path data = adapter.dataDirectory();
            if (data != null) {
                return data;
            }
        }
        return null;
    }

    /** The security events some available adapter observes. */
    public Set<SecurityObservation> observed() {
        Set<SecurityObservation> observed = EnumSet.noneOf(SecurityObservation.class);
        available.forEach(a -> observed.addAll(a.observes()));
        return observed;
    }

    /** {@code Bean#method} as the server names the method an EJB denial refused, else {@code null}. */
    public String deniedMethod(Throwable denial) {
        for (ServerAdapter adapter : available) {
            String named = adapter.deniedMethod(denial);
            if (named != null) {
                return named;
            }
        }
        return null;
    }

    /** Gives {@code stamp} (or {@code null}) to every adapter, to carry to EJB {@code @Asynchronous} calls. */
    public void carryToAsynchronousCalls(CharSequence stamp) {
        for (ServerAdapter adapter : available) {
            adapter.carryToAsynchronousCalls(stamp);
        }
    }

    /** The first stamp an adapter carried into the running EJB {@code @Asynchronous} method, else {@code null}. */
    public String carriedToAsynchronousCall() {
        for (ServerAdapter adapter : available) {
            CharSequence stamp = adapter.carriedToAsynchronousCall();
            if (stamp != null) {
                return stamp.toString();
            }
        }
        return null;
    }

    /**
     * Checks that the security events Attest must record can be observed here: a kind no available adapter observes
     * must be listed in {@code attest.security.unobserved}, and {@code attest.security.lockout=true} needs an
     * adapter that refuses attempts before authentication whatever that key says.
     *
     * @param unobserved the value of {@code attest.security.unobserved}, may be {@code null}
     * @param lockout the value of {@code attest.security.lockout}
     * @throws IllegalArgumentException naming what cannot be observed and why, or a bad value of the key
     */
    public void requireObservable(String unobserved, boolean lockout) {
        Set<SecurityObservation> accepted = accepted(unobserved);
        Set<SecurityObservation> missing = EnumSet.allOf(SecurityObservation.class);
        missing.removeAll(observed());
        if (lockout && missing.contains(SecurityObservation.LOCKOUT)) {
            throw new IllegalArgumentException("attest.security.lockout=true cannot be enforced on this server: "
                    + SecurityObservation.LOCKOUT.why() + ", and " + serverAdapters()
                    + " hooks into it; set attest.security.lockout=false");
        }
        missing.removeAll(accepted);
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("Attest cannot observe " + describe(missing) + " on this server ("
                    + serverAdapters() + " hooks into its request handling); to deploy without recording them, set "
                    + UNOBSERVED + "=" + missing.stream().map(SecurityObservation::key).collect(Collectors.joining(",")));
        }
    }

    private String serverAdapters() {
        return available.isEmpty() ? "no server adapter" : "none of the server adapters " + names();
    }

    private static String describe(Collection<SecurityObservation> missing) {
        return missing.stream().map(m -> m.key() + " (" + m.why() + ")").collect(Collectors.joining("; "));
    }

    /** The kinds listed in {@code attest.security.unobserved}. */
    static Set<SecurityObservation> accepted(String value) {
        Set<SecurityObservation> accepted = EnumSet.noneOf(SecurityObservation.class);
        if (value == null || value.isBlank()) {
            return accepted;
        }
        for (String item : value.split(",")) {
            String key = item.trim().toLowerCase(Locale.ROOT);
            if (key.isEmpty()) {
                continue;
            }
            SecurityObservation kind = null;
            for (SecurityObservation candidate : SecurityObservation.values()) {
                if (candidate.key().equals(key)) {
                    kind = candidate;
                }
            }
            if (kind == null) {
                Set<String> known = new TreeSet<>();
                for (SecurityObservation candidate : SecurityObservation.values()) {
                    known.add(candidate.key());
                }
                throw new IllegalArgumentException(UNOBSERVED + " lists '" + item.trim() + "', which is none of "
                        + known);
            }
            accepted.add(kind);
        }
        return accepted;
    }
}
