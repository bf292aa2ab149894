package dev.attest.internal.security;

import org.eclipse.microprofile.config.Config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The security monitor's rules: data, not code. Each rule names a part of the request and a regular
 * expression searched in it. The defaults below can be replaced or switched off one by one with
 * {@code attest.security.monitor.rules.<name>=<part>:<regex>} (or {@code =off}), and new ones added the same
 * way. Parts: {@code path} (the decoded request path), {@code query} (the raw query string),
 * {@code user-agent} (empty when the header is missing), {@code headers} (every header as {@code name: value},
 * one per line).
 */
public final class MonitorRules {

    public static final String PREFIX = "attest.security.monitor.rules.";

    /** The rules shipped, in the configuration's own syntax. */
    public static final Map<String, String> DEFAULTS = defaults();

    private static Map<String, String> defaults() {
        Map<String, String> rules = new LinkedHashMap<>();
        rules.put("path-traversal", "path:(?i)(\\.\\./|\\.\\.\\\\|%2e%2e|/etc/passwd|/proc/self|win\\.ini)");
        rules.put("path-traversal-query", "query:(?i)(\\.\\./|\\.\\.%2f|%2e%2e|/etc/passwd)");
        rules.put("sql-injection", "query:(?i)((%27|')\\s*(or|and)\\s|(%27|')(%20|\\+)+(or|and)(%20|\\+)|union(%20|\\+|\\s)+(all(%20|\\+|\\s)+)?select|;\\s*drop(%20|\\+|\\s)+table|sleep\\(\\d|benchmark\\()");
        rules.put("script-injection", "query:(?i)(<script|%3cscript|javascript:|onerror(%3d|=))");
        rules.put("scanner-user-agent", "user-agent:(?i)(sqlmap|nikto|nmap|masscan|acunetix|nessus|dirbuster|gobuster|wpscan|zgrab|nuclei)");
        rules.put("missing-user-agent", "user-agent:^$");
        return Map.copyOf(rules);
    }

    /** One rule: where to look and what to look for. */
    public record Rule(String name, String part, Pattern pattern) {
    }

    /** What one rule matched. */
    public record Match(String rule, String part, String matched) {
    }

    private static final List<String> PARTS = List.of("path", "query", "user-agent", "headers");

    private final List<Rule> rules;

    private MonitorRules(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    /** The defaults overlaid with the configured rules; throws {@link IllegalArgumentException} naming a bad key. */
    public static MonitorRules from(Config config) {
        Map<String, String> merged = new LinkedHashMap<>(new java.util.TreeMap<>(DEFAULTS));
        for (String key : config.getPropertyNames()) {
            if (key.startsWith(PREFIX) && key.length() > PREFIX.length()) {
                merged.put(key.substring(PREFIX.length()), config.getOptionalValue(key, String.class).orElse("off"));
            }
        }
        List<Rule> rules = new ArrayList<>();
        merged.forEach((name, spec) -> {
            String value = spec.trim();
            if (value.equalsIgnoreCase("off")) {
                return;
            }
            int colon = value.indexOf(':');
            String part = colon < 0 ? "" : value.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            if (!PARTS.contains(part)) {
                throw new IllegalArgumentException(PREFIX + name + " must be <part>:<regex> with part one of " + PARTS
                        + ", or off; not '" + value + "'");
            }
            try {
                rules.add(new Rule(name, part, Pattern.compile(value.substring(colon + 1))));
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException(PREFIX + name + " has an invalid regular expression: " + e.getDescription());
            }
        });
        return new MonitorRules(rules);
    }

    public List<Rule> rules() {
        return rules;
    }

    /** Every rule that matches, given the request's parts by name. */
    public List<Match> match(Map<String, String> parts) {
        List<Match> found = new ArrayList<>();
        for (Rule rule : rules) {
            String text = parts.getOrDefault(rule.part(), "");
            Matcher m = rule.pattern().matcher(text);
            if (m.find()) {
                String matched = m.group();
                found.add(new Match(rule.name(), rule.part(), matched.isEmpty() ? "(empty)"
                        : matched.length() > 100 ? matched.substring(0, 100) : matched));
            }
        }
        return found;
    }
}
