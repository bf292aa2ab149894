package dev.attest.internal.system;

import dev.attest.Category;
import dev.attest.internal.config.MapConfig;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SkipRulesTest {

    private final SkipRules rules = new SkipRules().load(new MapConfig(Map.of(
            SkipRules.SKIP_ACTIONS, "cache.*, health.ping, authn.*, a?c",
            SkipRules.SKIP_ENTITIES, "Temp*")));

    @Test
    void globsMatchWholeNames() {
        assertTrue(rules.skipped(Category.SYSTEM, "cache.flush", null));
        assertTrue(rules.skipped(Category.ACTION, "health.ping", null));
        assertFalse(rules.skipped(Category.ACTION, "health.pingx", null));
        assertFalse(rules.skipped(Category.ACTION, "healthXping", null), "a dot is a dot");
        assertTrue(rules.skipped(Category.ACTION, "abc", null));
        assertFalse(rules.skipped(Category.ACTION, "abbc", null));
        assertTrue(rules.skipped(Category.ACTION, "invoice.create", "TempInvoice"));
        assertFalse(rules.skipped(Category.ACTION, "invoice.create", "Invoice"));
    }

    @Test
    void authenticationSecurityAuditAndAttestEventsAreNeverSkipped() {
        assertFalse(rules.skipped(Category.AUTHENTICATION, "authn.login.success", null));
        assertFalse(rules.skipped(Category.ACTION, "authn.custom", null));
        assertFalse(rules.skipped(Category.SECURITY, "cache.poisoned", null));
        assertFalse(rules.skipped(Category.ACCESS, "audit.events.read", "TempX"));
        assertFalse(rules.skipped(Category.SYSTEM, "attest.started", "TempX"));
    }

    @Test
    void noPatternsSkipNothing() {
        assertFalse(new SkipRules().load(MapConfig.empty()).skipped(Category.ACTION, "anything", "Any"));
    }

    @Test
    void aRememberedAnswerHoldsForEveryLaterCallAndAReloadForgetsIt() {
        SkipRules reloaded = new SkipRules().load(new MapConfig(Map.of(SkipRules.SKIP_ACTIONS, "cache.*")));
        for (int i = 0; i < 3; i++) {
            assertTrue(reloaded.skipped(Category.ACTION, "cache.flush", null));
            assertFalse(reloaded.skipped(Category.ACTION, "invoice.create", null));
        }
        reloaded.load(new MapConfig(Map.of(SkipRules.SKIP_ACTIONS, "invoice.*")));
        assertFalse(reloaded.skipped(Category.ACTION, "cache.flush", null), "the old rules' answer is forgotten");
        assertTrue(reloaded.skipped(Category.ACTION, "invoice.create", null));
    }
}
