package dev.attest.it;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.Map;

/**
 * The one list of tests that cannot pass on a server for a reason outside Attest, each with that reason. JUnit
 * finds this condition on its own (src-it/resources/META-INF/services, junit-platform.properties) and reports each
 * listed test as skipped with its reason, so the run's skipped count holds them: nothing is left out silently.
 * Keys are a test class's simple name, or {@code Class#method} for one test.
 */
public final class ServerGaps implements ExecutionCondition {

    /** Tests that cannot pass on Payara, and why. */
    static final Map<String, String> NOT_ON_PAYARA = Map.of(
            "ChaosIT", "kills and restarts a WildFly process of its own (target/chaos-server, WildFly's scripts): "
                    + "a crash test of the WildFly runs, with no Payara in it",
            "DemoIT#wrongPasswordsOverTheLimitLockTheNameAndAddressOut", "the demo's lockout button sends HTTP "
                    + "BASIC credentials to an application that logs in by FORM: WildFly checks them, Payara ignores "
                    + "an Authorization header there and answers 200, so no login is attempted (the lockout itself "
                    + "is tested on Payara by BruteForceIT and FormLockoutIT)");

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (Server.current() != Server.PAYARA || context.getTestClass().isEmpty()) {
            return ConditionEvaluationResult.enabled("no known gap on this server");
        }
        String test = context.getTestClass().get().getSimpleName();
        String reason = NOT_ON_PAYARA.get(test);
        if (reason == null && context.getTestMethod().isPresent()) {
            reason = NOT_ON_PAYARA.get(test + "#" + context.getTestMethod().get().getName());
        }
        return reason == null ? ConditionEvaluationResult.enabled("no known gap on Payara")
                : ConditionEvaluationResult.disabled("not on Payara: " + reason);
    }
}
