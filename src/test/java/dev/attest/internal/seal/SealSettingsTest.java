package dev.attest.internal.seal;

import dev.attest.internal.config.MapConfig;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The attest.seal.* keys: defaults, and a clear message naming a bad key. */
class SealSettingsTest {

    private static String error(Map<String, String> config) {
        return assertThrows(IllegalArgumentException.class, () -> SealSettings.load(new MapConfig(config))).getMessage();
    }

    @Test
    void sealingIsOffByDefaultWithOneSecondRounds() {
        SealSettings settings = SealSettings.load(new MapConfig(Map.of()));
        assertFalse(settings.enabled());
        assertEquals(Duration.ofSeconds(1), settings.interval());
        assertEquals(Duration.ofHours(1), settings.heartbeat());
    }

    @Test
    void enabledWithoutKeyStoreNamesTheMissingKey() {
        assertEquals("attest.seal.key-store is required when attest.seal.enabled=true",
                error(Map.of("attest.seal.enabled", "true")));
    }

    @Test
    void badIntervalNamesTheKeyAndValue() {
        assertEquals("attest.seal.interval must be an ISO-8601 duration such as PT1S, not '1s'",
                error(Map.of("attest.seal.interval", "1s")));
        assertEquals("attest.seal.interval must be a positive ISO-8601 duration, not 'PT0S'",
                error(Map.of("attest.seal.interval", "PT0S")));
    }

    @Test
    void badEnabledValueIsRefused() {
        assertEquals("attest.seal.enabled must be true or false, not 'yes'", error(Map.of("attest.seal.enabled", "yes")));
    }

    @Test
    void missingKeyStoreFileIsNamed() {
        assertEquals("attest.seal.key-store names no readable file: /nonexistent/seal.p12",
                error(Map.of("attest.seal.enabled", "true", "attest.seal.key-store", "/nonexistent/seal.p12")));
    }
}
