package dev.attest.server.wildfly;

import dev.attest.spi.SecurityObservation;
import dev.attest.spi.ServerAdapter;
import org.jboss.logging.MDC;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * WildFly: Undertow's handler chain ({@link AttestServletExtension}) sees failed logins, refuses locked-out
 * attempts and sees the container's URL denials; EJB denials name their bean and method in WildFly's message
 * {@code WFLYEJB0364}. The EJB container copies the caller's logging MDC to the thread of an {@code @Asynchronous}
 * method (and clears it after), so Attest's context stamp rides there under {@value #MDC_KEY}.
 */
public final class WildFlyAdapter implements ServerAdapter {

    /** The class WildFly's servlet container loads Attest's handlers through. */
    static final String UNDERTOW_EXTENSION = "io.undertow.servlet.ServletExtension";

    /** WFLYEJB0364: Invocation on method: public T a.b.Bean.method(...) of bean: Bean is not allowed */
    private static final Pattern WFLYEJB0364 = Pattern.compile("method: .*?\\.(\\w+)\\([^)]*\\)[^:]* of bean: (\\S+)");

    /** The MDC entry that holds Attest's context stamp while the caller's scope has one. */
    static final String MDC_KEY = "attest.context";

    @Override
    public void carryToAsynchronousCalls(CharSequence stamp) {
        try {
            if (stamp == null) {
                MDC.remove(MDC_KEY);
            } else {
                MDC.put(MDC_KEY, stamp);
            }
        } catch (LinkageError noLoggingApi) {
            // the deployment excludes org.jboss.logging: nothing is carried, as on a server without an adapter
        }
    }

    @Override
    public CharSequence carriedToAsynchronousCall() {
        try {
            return MDC.get(MDC_KEY) instanceof CharSequence stamp ? stamp : null;
        } catch (LinkageError noLoggingApi) {
            return null;
        }
    }

    /** WildFly's {@code jboss.server.data.dir}, such as {@code standalone/data}. */
    @Override
    public Path dataDirectory() {
        String data = System.getProperty("jboss.server.data.dir");
        return data == null ? null : Path.of(data);
    }

    @Override
    public boolean available(ClassLoader applicationLoader) {
        try {
            Class.forName(UNDERTOW_EXTENSION, false, applicationLoader);
            return true;
        } catch (ClassNotFoundException | LinkageError absent) {
            return false;
        }
    }

    @Override
    public Set<SecurityObservation> observes() {
        return EnumSet.allOf(SecurityObservation.class);
    }

    @Override
    public String deniedMethod(Throwable denial) {
        for (Throwable t = denial; t != null; t = t.getCause() == t ? null : t.getCause()) {
            Matcher named = t.getMessage() == null ? null : WFLYEJB0364.matcher(t.getMessage());
            if (named != null && named.find()) {
                return named.group(2) + "#" + named.group(1);
            }
        }
        return null;
    }
}
