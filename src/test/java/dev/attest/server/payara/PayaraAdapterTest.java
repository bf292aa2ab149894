package dev.attest.server.payara;

import jakarta.ejb.EJBAccessException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PayaraAdapterTest {

    private final PayaraAdapter adapter = new PayaraAdapter();

    /** Payara's denial as it reaches the caller: thrown by the container below the bean's generated no-interface view. */
    private static EJBAccessException payaraDenial() {
        EJBAccessException denial = new EJBAccessException("Client not authorized for this invocation");
        denial.setStackTrace(new StackTraceElement[]{
                new StackTraceElement("com.sun.ejb.containers.BaseContainer", "mapLocal3xException", "BaseContainer.java", 2310),
                new StackTraceElement("com.sun.ejb.containers.BaseContainer", "postInvoke", "BaseContainer.java", 2096),
                new StackTraceElement("com.sun.ejb.containers.EJBLocalObjectInvocationHandler", "invoke",
                        "EJBLocalObjectInvocationHandler.java", 224),
                new StackTraceElement("dev.attest.it.security.__EJB31_Generated__PeekService__Intf____Bean__", "peek",
                        null, -1),
                new StackTraceElement("dev.attest.it.security.PeekServlet", "doGet", "PeekServlet.java", 30)});
        return denial;
    }

    @Test
    void readsBeanAndMethodFromTheGeneratedViewOfANotAuthorizedDenial() {
        assertEquals("PeekService#peek", adapter.deniedMethod(payaraDenial()));
    }

    @Test
    void readsAWrappedDenial() {
        assertEquals("PeekService#peek", adapter.deniedMethod(new RuntimeException("failed", payaraDenial())));
    }

    @Test
    void namesNothingWithoutAGeneratedViewNorForWildFlysMessage() {
        assertNull(adapter.deniedMethod(new EJBAccessException("Client not authorized for this invocation")));
        assertNull(adapter.deniedMethod(new EJBAccessException("WFLYEJB0364: Invocation on method: public void "
                + "a.B.c() of bean: B is not allowed")));
    }

    @Test
    void isNotAvailableAndObservesNothingWithoutPayarasContainers() {
        assertEquals(false, adapter.available(getClass().getClassLoader()));
        assertTrue(adapter.observes().isEmpty());
    }
}
