package dev.attest.internal.system;

import dev.attest.Category;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

import java.util.Arrays;
import java.util.List;
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
        return this;
    }

    /** Whether an event of this category, action and target type is not to be recorded. */
    public boolean skipped(Category category, String action, String targetType) {
        if ((actions.isEmpty() && entities.isEmpty()) || protectedEvent(category, action)) {
            return false;
        }
        return matches(actions, action) || (targetType != null && matches(entities, targetType));
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
