package dev.attest.server.wildfly;

import jakarta.ejb.EJBAccessException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class WildFlyAdapterTest {

    private final WildFlyAdapter adapter = new WildFlyAdapter();

    @Test
    void readsBeanAndMethodFromWflyejb0364() {
        EJBAccessException denial = new EJBAccessException("WFLYEJB0364: Invocation on method: public java.lang.String "
                + "dev.attest.it.security.PeekService.peek(long) of bean: PeekService is not allowed");
        assertEquals("PeekService#peek", adapter.deniedMethod(denial));
    }

    @Test
    void readsTheMessageOfAWrappedDenial() {
        RuntimeException wrapped = new RuntimeException("call failed", new EJBAccessException("WFLYEJB0364: Invocation "
                + "on method: public abstract void a.b.Api.close() throws a.b.Fault of bean: ApiBean is not allowed"));
        assertEquals("ApiBean#close", adapter.deniedMethod(wrapped));
    }

    @Test
    void namesNothingForPayarasMessage() {
        assertNull(adapter.deniedMethod(new EJBAccessException("Client not authorized for this invocation")));
    }

    @Test
    void isAvailableWhereUndertowIsAndNowhereElse() {
        ClassLoader withoutUndertow = new ClassLoader(null) {
        };
        assertEquals(false, adapter.available(withoutUndertow));
        assertEquals(true, adapter.available(getClass().getClassLoader()), "undertow-servlet is on the test class path");
    }
}
