package dev.attest.internal.system;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class SystemErrorsTest {

    private static StackTraceElement frame(String type, String method) {
        return new StackTraceElement(type, method, "X.java", 10);
    }

    @Test
    void theApplicationFrameSkipsJdkContainerProxiesAndAttest() {
        Exception e = new IllegalStateException("x");
        e.setStackTrace(new StackTraceElement[] {
                frame("java.util.Objects", "requireNonNull"),
                frame("org.jboss.as.ejb3.Interceptor", "process"),
                frame("dev.attest.internal.interceptor.ActionRecorder", "invoke"),
                frame("com.acme.Orders$Proxy$_$$_WeldSubclass", "place"),
                frame("com.acme.Orders", "place"),
                frame("com.acme.Web", "doGet")});
        assertEquals("com.acme.Orders", SystemErrors.applicationFrame(e).getClassName());
        assertEquals("com.acme.Orders.place(X.java:10)", SystemErrors.frame(SystemErrors.applicationFrame(e)));
    }

    @Test
    void theRootCauseIsDescribed() {
        Exception root = new IllegalArgumentException("root");
        assertEquals(root, SystemErrors.root(new RuntimeException(new IllegalStateException(root))));
        Exception none = new Exception();
        none.setStackTrace(new StackTraceElement[] {frame("java.lang.Thread", "run")});
        assertNull(SystemErrors.applicationFrame(none));
    }
}
