package dev.attest.server.payara;

import dev.attest.spi.SecurityObservation;
import dev.attest.spi.ServerAdapter;

import java.nio.file.Path;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Payara Server: its EJB container refuses a call with "Client not authorized for this invocation", which names
 * no bean; the bean and method are read from the frame of the no-interface view Payara generates for the bean
 * ({@code __EJB31_Generated__<Bean>__Intf____Bean__}). Payara's login mechanisms run before any servlet filter and
 * offer an application no hook, so this adapter observes no {@link SecurityObservation}.
 */
public final class PayaraAdapter implements ServerAdapter {

    /** A class of Payara's (and GlassFish's) EJB container, visible to applications. */
    static final String EJB_CONTAINER = "com.sun.ejb.containers.BaseContainer";
    /** The directory of the running domain or instance, such as {@code glassfish/domains/domain1}. */
    static final String INSTANCE_ROOT = "com.sun.aas.instanceRoot";
    static final String NOT_AUTHORIZED = "Client not authorized for this invocation";
    private static final Pattern GENERATED_VIEW = Pattern.compile("__EJB31_Generated__(\\w+?)__Intf____Bean__$");

    @Override
    public boolean available(ClassLoader applicationLoader) {
        try {
            Class.forName(EJB_CONTAINER, false, applicationLoader);
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
        return Set.of();
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
