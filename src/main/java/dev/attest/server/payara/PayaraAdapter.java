package dev.attest.server.payara;

import dev.attest.spi.SecurityObservation;
import dev.attest.spi.ServerAdapter;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Payara Server: its EJB container refuses a call with "Client not authorized for this invocation", which names
 * no bean; the bean and method are read from the frame of the no-interface view Payara generates for the bean
 * ({@code __EJB31_Generated__<Bean>__Intf____Bean__}). Payara's login mechanisms and security constraints run in
 * its web container's authenticator valve, before any servlet filter: {@link PayaraInitializer} puts Attest's
 * {@link SecurityValve} ahead of it, so this adapter observes failed logins, lockout and container denials
 * wherever Payara's web container is there.
 */
public final class PayaraAdapter implements ServerAdapter {

    /** A class of Payara's (and GlassFish's) EJB container, visible to applications. */
    static final String EJB_CONTAINER = "com.sun.ejb.containers.BaseContainer";
    /** Classes of Payara's (and GlassFish's) web container the security valve needs. */
    private static final String[] WEB_CONTAINER = {SecurityValve.VALVE, "org.apache.catalina.Request",
            "org.apache.catalina.core.ApplicationContext"};
    /** The directory of the running domain or instance, such as {@code glassfish/domains/domain1}. */
    static final String INSTANCE_ROOT = "com.sun.aas.instanceRoot";
    static final String NOT_AUTHORIZED = "Client not authorized for this invocation";
    private static final Pattern GENERATED_VIEW = Pattern.compile("__EJB31_Generated__(\\w+?)__Intf____Bean__$");

    private volatile boolean webContainer;

    @Override
    public boolean available(ClassLoader applicationLoader) {
        webContainer = webContainer(applicationLoader);
        return loadable(applicationLoader, EJB_CONTAINER) || webContainer;
    }

    /** Whether {@code loader} sees the classes of Payara's web container that {@link SecurityValve} needs. */
    static boolean webContainer(ClassLoader loader) {
        for (String name : WEB_CONTAINER) {
            if (!loadable(loader, name)) {
                return false;
            }
        }
        return true;
    }

    private static boolean loadable(ClassLoader loader, String name) {
        try {
            Class.forName(name, false, loader);
            return true;
        } catch (ClassNotFoundException | LinkageError absent) {
            return false;
        }
    }

    /** The folder {@code data} of the domain (or instance) directory, {@code com.sun.aas.instanceRoot}. */
    @Override
    public Path dataDirectory() {
        String instance = System.getProperty(INSTANCE_ROOT);
        return instance == null ? null : Path.of(instance, "data");
    }

    @Override
    public Set<SecurityObservation> observes() {
        return webContainer ? EnumSet.allOf(SecurityObservation.class) : Set.of();
    }

    @Override
    public String deniedMethod(Throwable denial) {
        for (Throwable t = denial; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getMessage() != null && t.getMessage().contains(NOT_AUTHORIZED)) {
                for (StackTraceElement frame : t.getStackTrace()) {
                    Matcher view = GENERATED_VIEW.matcher(frame.getClassName());
                    if (view.find()) {
                        return view.group(1) + "#" + frame.getMethodName();
                    }
                }
                return null;
            }
        }
        return null;
    }
}
