package dev.attest.it;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.Map;

/**
 * The one list of tests that cannot pass on a server, each with its reason: for a reason outside Attest, or for
 * what Attest does not do yet on that server (each also said in the README's Payara section). JUnit
 * finds this condition on its own (src-it/resources/META-INF/services, junit-platform.properties) and reports each
 * listed test as skipped with its reason, so the run's skipped count holds them: nothing is left out silently.
 * Keys are a test class's simple name, or {@code Class#method} for one test.
 */
public final class ServerGaps implements ExecutionCondition {

    private static final String ASYNCHRONOUS = "an EJB @Asynchronous method gets the caller's runAs actor, reason, "
            + "correlation id and request context through WildFly's hand-off of the logging context; no Payara adapter "
            + "carries them yet (Jakarta Concurrency's @Asynchronous and managed executors do, on both servers)";

    /** Tests that cannot pass on Payara for a reason outside Attest, and why. */
    static final Map<String, String> NOT_ON_PAYARA = Map.of(
            "ChaosIT", "kills and restarts a WildFly process of its own (target/chaos-server, WildFly's scripts): "
                    + "a crash test of the WildFly runs, with no Payara in it",
            "DemoIT#wrongPasswordsOverTheLimitLockTheNameAndAddressOut", "the demo's lockout button sends HTTP "
                    + "BASIC credentials to an application that logs in by FORM: WildFly checks them, Payara ignores "
                    + "an Authorization header there and answers 200, so no login is attempted (the lockout itself "
                    + "is tested on Payara by BruteForceIT and FormLockoutIT)");

    /** Tests of what Attest does not do on Payara yet (README, Payara), and why. */
    static final Map<String, String> NOT_YET_ON_PAYARA = Map.of(
            "ExecutionContextIT#asynchronousSessionBeanRunsAsTheExplicitActorWithItsReasonAndTheCallersCorrelationId",
            ASYNCHRONOUS,
            "ExecutionContextIT#asynchronousSessionBeanCalledFromARequestRecordsTheRequestContext", ASYNCHRONOUS,
            "ExecutionContextIT#asynchronousSessionBeanCallLeavesNoStampOnTheCallerNorThePoolThread", ASYNCHRONOUS,
            "ExecutionContextIT#asynchronousSessionBeanCalledWithAReasonOnlyKeepsItsCallersActorReasonAndCorrelationId",
            ASYNCHRONOUS);

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (Server.current() != Server.PAYARA || context.getTestClass().isEmpty()) {
            return ConditionEvaluationResult.enabled("no known gap on this server");
        }
        String test = context.getTestClass().get().getSimpleName();
        String method = context.getTestMethod().map(m -> test + "#" + m.getName()).orElse(test);
        String reason = NOT_ON_PAYARA.getOrDefault(test, NOT_ON_PAYARA.get(method));
        if (reason != null) {
            return ConditionEvaluationResult.disabled("not on Payara: " + reason);
        }
        String notYet = NOT_YET_ON_PAYARA.get(method);
        return notYet == null ? ConditionEvaluationResult.enabled("no known gap on Payara")
                : ConditionEvaluationResult.disabled("not yet on Payara: " + notYet);
    }
}
