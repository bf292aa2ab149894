package dev.attest.server.payara;

import jakarta.servlet.ServletContext;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PayaraInitializerTest {

    /** A servlet context of no particular container, answering its path and class loader only. */
    private static ServletContext foreignContext() {
        return (ServletContext) Proxy.newProxyInstance(ServletContext.class.getClassLoader(),
                new Class<?>[] {ServletContext.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getContextPath" -> "/shop";
                    case "getClassLoader" -> PayaraInitializerTest.class.getClassLoader();
                    case "toString" -> "foreign context";
                    default -> null;
                });
    }

    @Test
    void doesNothingWithoutPayarasWebContainer() {
        assertDoesNotThrow(() -> new PayaraInitializer().onStartup(Set.of(), foreignContext()));
    }

    @Test
    void aContextItCannotPutTheValveInFailsTheDeploymentSayingWhatGoesUnrecorded() {
        IllegalStateException failure = assertThrows(IllegalStateException.class,
                () -> PayaraInitializer.install(foreignContext()));

        assertTrue(failure.getMessage().startsWith("Attest cannot put its security valve first in the pipeline of "
                + "'/shop'"), failure.getMessage());
        assertTrue(failure.getMessage().endsWith("failed logins, lockout and container denials would go unrecorded"),
                failure.getMessage());
    }
}
