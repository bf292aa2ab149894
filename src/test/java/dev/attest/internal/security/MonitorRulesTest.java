package dev.attest.internal.security;

import dev.attest.internal.config.MapConfig;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MonitorRulesTest {

    private static List<String> matched(MonitorRules rules, String path, String query, String agent) {
        return rules.match(Map.of("path", path, "query", query, "user-agent", agent, "headers", ""))
                .stream().map(MonitorRules.Match::rule).toList();
    }

    @Test
    void shippedRulesMatchTheUsualProbesAndNotOrdinaryRequests() {
        MonitorRules rules = MonitorRules.from(MapConfig.empty());
        assertEquals(List.of(), matched(rules, "/app/orders", "page=2&sort=date", "Mozilla/5.0"));
        assertEquals(List.of("path-traversal-query"), matched(rules, "/app/file", "name=../../etc/passwd", "Mozilla/5.0"));
        assertEquals(List.of("sql-injection"), matched(rules, "/app/find", "id=1%27%20OR%201=1", "Mozilla/5.0"));
        assertEquals(List.of("sql-injection"), matched(rules, "/app/find", "q=1+union+select+password", "Mozilla/5.0"));
        assertEquals(List.of("script-injection"), matched(rules, "/app/find", "q=%3Cscript%3E", "Mozilla/5.0"));
        assertEquals(List.of("scanner-user-agent"), matched(rules, "/", "", "Mozilla/5.0 (compatible; Nikto/2.5)"));
        assertEquals(List.of("missing-user-agent"), matched(rules, "/", "", ""));
    }

    @Test
    void configurationAddsReplacesAndSwitchesOffRules() {
        MonitorRules rules = MonitorRules.from(new MapConfig(Map.of(
                MonitorRules.PREFIX + "admin", "path:^/admin",
                MonitorRules.PREFIX + "missing-user-agent", "off",
                MonitorRules.PREFIX + "scanner-user-agent", "user-agent:(?i)curl")));
        assertEquals(List.of("admin"), matched(rules, "/admin/x", "", "x"));
        assertEquals(List.of(), matched(rules, "/", "", ""));
        assertEquals(List.of("scanner-user-agent"), matched(rules, "/", "", "curl/8.0"));
        assertEquals(List.of(), matched(rules, "/", "", "sqlmap"));
    }

    @Test
    void badRulesNameTheirKey() {
        for (String bad : List.of("nowhere:x", "path:(", "no-colon")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> MonitorRules.from(MapConfig.of(MonitorRules.PREFIX + "r", bad)));
            assertTrue(e.getMessage().startsWith(MonitorRules.PREFIX + "r"), e.getMessage());
        }
    }
}
