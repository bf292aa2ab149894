package dev.attest.internal.security;

import dev.attest.internal.config.MapConfig;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SecurityConfigTest {

    @Test
    void defaults() {
        SecurityConfig config = new SecurityConfig().load(MapConfig.empty());
        assertEquals(5, config.maxFailures());
        assertEquals(Duration.ofMinutes(15), config.window());
        assertFalse(config.lockout());
        assertEquals(Duration.ofMinutes(5), config.statelessLoginInterval());
        assertEquals(100, config.maxFailuresPerAddress());
        assertEquals(Duration.ofSeconds(1), config.delay());
    }

    @Test
    void values() {
        assertEquals(Duration.ofSeconds(30), new SecurityConfig().load(MapConfig.of(SecurityConfig.WINDOW, "PT30S")).window());
        assertTrue(new SecurityConfig().load(MapConfig.of(SecurityConfig.LOCKOUT, " TRUE ")).lockout());
        assertEquals(1, new SecurityConfig().load(MapConfig.of(SecurityConfig.MAX_FAILURES, "1")).maxFailures());
    }

    @Test
    void badValuesNameTheirKey() {
        for (String[] bad : new String[][] {{SecurityConfig.WINDOW, "15 minutes"}, {SecurityConfig.WINDOW, "-PT1M"},
                {SecurityConfig.LOCKOUT, "yes"}, {SecurityConfig.MAX_FAILURES, "0"},
                {SecurityConfig.STATELESS_LOGIN_INTERVAL, "P"}, {SecurityConfig.MAX_FAILURES, "five"},
                {SecurityConfig.MAX_FAILURES_PER_ADDRESS, "0"}, {SecurityConfig.MAX_FAILURES_PER_ADDRESS, "1"},
                {SecurityConfig.DELAY, "1s"}, {SecurityConfig.MAX_HEADER_BYTES, "8k"}}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new SecurityConfig().load(MapConfig.of(bad[0], bad[1])));
            assertTrue(e.getMessage().startsWith(bad[0]), e.getMessage());
            assertTrue(e.getMessage().contains(bad[1]), "names the value: " + e.getMessage());
        }
    }
}
