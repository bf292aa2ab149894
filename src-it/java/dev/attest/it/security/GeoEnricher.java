package dev.attest.it.security;

import dev.attest.spi.LoginEnricher;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;

/** The application's own geographic lookup, here a fixed answer for loopback addresses. */
@ApplicationScoped
public class GeoEnricher implements LoginEnricher {

    @Override
    public Map<String, ?> enrich(String userName, String clientAddress) {
        return Map.of("geo", Map.of("country", "ZZ", "city", "Loopback", "address", String.valueOf(clientAddress)));
    }
}
