package dev.attest.internal.system;

import dev.attest.Category;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Noise the application turns off: {@code attest.skip-actions} (action names) and {@code attest.skip-entities}
 * (target types, i.e. entity names), comma-separated glob patterns ({@code *} any characters, {@code ?} one).
 * A matching event is not recorded. Never skipped, whatever the patterns: authentication and security events
 * (categories {@code AUTHENTICATION} and {@code SECURITY}, actions {@code authn.*} and {@code authz.*}), reads
 * of the audit trail itself ({@code audit.*}) and Attest's own events ({@code attest.*}). Envers revisions are
 * not affected: an entity's history is kept as long as it is {@code @Audited}.
 */
@ApplicationScoped
public class SkipRules {

    public static final String SKIP_ACTIONS = "attest.skip-actions";
    public static final String SKIP_ENTITIES = "attest.skip-entities";

    private static final int REMEMBERED_NAMES = 10_000;

    private final Map<String, Boolean> skippedActions = new ConcurrentHashMap<>();
    private final Map<String, Boolean> skippedTypes = new ConcurrentHashMap<>();
    private List<Pattern> actions;
    private List<Pattern> entities;
    private List<String> actionGlobs;
    private List<String> entityGlobs;

    @PostConstruct
    void load() {
        load(ConfigProvider.getConfig(SkipRules.class.getClassLoader()));
    }

    public SkipRules load(Config config) {
        actionGlobs = list(config.getOptionalValue(SKIP_ACTIONS, String.class).orElse(""));
        entityGlobs = list(config.getOptionalValue(SKIP_ENTITIES, String.class).orElse(""));
        actions = actionGlobs.stream().map(SkipRules::glob).toList();
        entities = entityGlobs.stream().map(SkipRules::glob).toList();
        skippedActions.clear();
        skippedTypes.clear();
        return this;
    }

    /** Whether an event of this category, action and target type is not to be recorded. */
    public boolean skipped(Category category, String action, String targetType) {
        if ((actions.isEmpty() && entities.isEmpty()) || protectedEvent(category, action)) {
            return false;
        }
        return matches(actions, action, skippedActions) || (targetType != null && matches(entities, targetType, skippedTypes));
    }

    /** A remembered answer per name (names repeat: a few actions and entity types), so a pattern runs once per name. */
    private static boolean matches(List<Pattern> patterns, String value, Map<String, Boolean> remembered) {
        if (patterns.isEmpty()) {
            return false;
        }
        Boolean known = remembered.get(value);
        if (known != null) {
            return known;
        }
        boolean matches = matches(patterns, value);
        if (remembered.size() < REMEMBERED_NAMES) {
            remembered.put(value, matches);
        }
        return matches;
    }

    static boolean protectedEvent(Category category, String action) {
        return category == Category.AUTHENTICATION || category == Category.SECURITY || action == null
                || action.startsWith("authn.") || action.startsWith("authz.") || action.startsWith("audit.")
                || action.startsWith("attest.");
    }

    private static boolean matches(List<Pattern> patterns, String value) {
        return patterns.stream().anyMatch(p -> p.matcher(value).matches());
    }

    private static List<String> list(String value) {
        return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    static Pattern glob(String glob) {
        StringBuilder regex = new StringBuilder();
        for (char c : glob.toCharArray()) {
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString());
    }

    /** The patterns of {@code key} as configured. */
    public List<String> configured(String key) {
        return key.equals(SKIP_ACTIONS) ? actionGlobs : entityGlobs;
    }
}
