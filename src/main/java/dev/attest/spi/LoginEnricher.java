package dev.attest.spi;

import java.util.Map;

/**
 * A hook for the application: implement it as a CDI bean to add information, such as the geographic
 * location of the client address, to the details of login events ({@code authn.login.success},
 * {@code authn.login.failure}, {@code authn.login.blocked}). Attest ships no implementation. Every enricher
 * found is called; what it returns is added to the details (redacted and bounded like any detail). An
 * enricher that throws is ignored for that event; the event is still recorded.
 */
public interface LoginEnricher {

    /**
     * Details to add for a login attempt.
     *
     * @param userName the (attempted) user name, may be {@code null} when unknown
     * @param clientAddress the client address as Attest records it, may be {@code null}
     * @return details to add, such as {@code Map.of("geo", Map.of("country", "NL"))}; {@code null} for none
     */
    Map<String, ?> enrich(String userName, String clientAddress);
}
