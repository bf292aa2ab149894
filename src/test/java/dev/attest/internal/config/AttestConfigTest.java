package dev.attest.internal.config;

import dev.attest.FailurePolicy;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class AttestConfigTest {

    private static AttestConfig load(Map<String, String> values) {
        AttestConfig config = new AttestConfig();
        config.load(new MapConfig(values));
        return config;
    }

    private static AttestConfig load(String key, String value) {
        return load(Map.of(key, value));
    }

    private static String rejection(String key, String value) {
        return assertThrows(IllegalArgumentException.class, () -> load(key, value)).getMessage();
    }

    @Test
    void withNothingConfiguredTheFailurePolicyIsFailClosed() {
        assertEquals(FailurePolicy.FAIL_CLOSED, load(Map.of()).failurePolicy());
    }

    @Test
    void withNothingConfiguredTheDefaultSensitiveNamesApply() {
        assertEquals(List.of("password", "passwd", "pwd", "secret", "token", "credential", "apikey", "api_key",
                        "api-key", "authorization", "cookie", "session", "ssn", "pin", "cvv"),
                load(Map.of()).sensitiveNames());
    }

    @Test
    void withNothingConfiguredValuesAreBoundedTo1000AndDetailsTo8000() {
        AttestConfig config = load(Map.of());
        assertEquals(1000, config.maxValueLength());
        assertEquals(8000, config.maxDetailsLength());
    }

    @Test
    void withNothingConfiguredNoProxyIsTrusted() {
        assertEquals(List.of(), load(Map.of()).trustedProxies());
    }

    @Test
    void failOpenIsRead() {
        assertEquals(FailurePolicy.FAIL_OPEN, load(AttestConfig.FAILURE_POLICY, "FAIL_OPEN").failurePolicy());
    }

    @Test
    void failurePolicyIsCaseInsensitive() {
        assertEquals(FailurePolicy.FAIL_OPEN, load(AttestConfig.FAILURE_POLICY, "fail_open").failurePolicy());
        assertEquals(FailurePolicy.FAIL_OPEN, load(AttestConfig.FAILURE_POLICY, "Fail_Open").failurePolicy());
        assertEquals(FailurePolicy.FAIL_CLOSED, load(AttestConfig.FAILURE_POLICY, "fail_closed").failurePolicy());
    }

    @Test
    void failurePolicyIgnoresSurroundingSpaces() {
        assertEquals(FailurePolicy.FAIL_OPEN, load(AttestConfig.FAILURE_POLICY, "  fail_open ").failurePolicy());
    }

    @Test
    void unknownFailurePolicyIsRejectedNamingTheKeyAndTheValue() {
        assertEquals("attest.failure-policy must be FAIL_CLOSED or FAIL_OPEN, not 'FAIL_SOMETIMES'",
                rejection(AttestConfig.FAILURE_POLICY, "FAIL_SOMETIMES"));
    }

    @Test
    void failurePolicyWithAHyphenIsRejected() {
        assertEquals("attest.failure-policy must be FAIL_CLOSED or FAIL_OPEN, not 'fail-open'",
                rejection(AttestConfig.FAILURE_POLICY, "fail-open"));
    }

    @Test
    void authenticationEventsFailOpenUnlessConfiguredWhateverThePolicyOfActions() {
        assertEquals(FailurePolicy.FAIL_OPEN, load(Map.of()).authenticationFailurePolicy());
        assertEquals(FailurePolicy.FAIL_CLOSED,
                load(AttestConfig.AUTHENTICATION_FAILURE_POLICY, "FAIL_CLOSED").authenticationFailurePolicy());
        assertEquals("attest.authentication.failure-policy must be FAIL_CLOSED or FAIL_OPEN, not 'JOURNAL'",
                rejection(AttestConfig.AUTHENTICATION_FAILURE_POLICY, "JOURNAL"));
    }

    @Test
    void journalSizeTakesAUnitAndIsBounded() {
        assertEquals(64L << 20, load(Map.of()).journalMaxSize());
        assertEquals(512L << 10, load(AttestConfig.JOURNAL_MAX_SIZE, "512KB").journalMaxSize());
        assertEquals(2L << 30, load(AttestConfig.JOURNAL_MAX_SIZE, " 2gb ").journalMaxSize());
        assertEquals("attest.journal.max-size must be a size from 64KB to 16GB (such as 64MB), not '1KB'",
                rejection(AttestConfig.JOURNAL_MAX_SIZE, "1KB"));
        assertEquals("attest.journal.max-size must be a size from 64KB to 16GB (such as 64MB), not 'lots'",
                rejection(AttestConfig.JOURNAL_MAX_SIZE, "lots"));
    }

    @Test
    void journalRetryIntervalIsABoundedDuration() {
        assertEquals(java.time.Duration.ofSeconds(5), load(Map.of()).journalRetryInterval());
        assertEquals("attest.journal.retry-interval must be an ISO-8601 duration from PT0.1S to PT1H (such as PT5S),"
                + " not '5 seconds'", rejection(AttestConfig.JOURNAL_RETRY_INTERVAL, "5 seconds"));
    }

    @Test
    void journalDirectoryIsTheConfiguredOneElseUnderTheServerDataDirectory() {
        assertEquals(java.nio.file.Path.of("/var/lib/audit"), load(AttestConfig.JOURNAL_DIR, "/var/lib/audit").journalDir());
        assertEquals("attest", load(Map.of()).journalDir().getFileName().toString());
    }

    @Test
    void maxValueLengthAcceptsItsBounds() {
        assertEquals(16, load(AttestConfig.MAX_VALUE_LENGTH, "16").maxValueLength());
        assertEquals(2000, load(AttestConfig.MAX_VALUE_LENGTH, "2000").maxValueLength());
    }

    @Test
    void maxValueLengthBelow16IsRejected() {
        assertEquals("attest.max-value-length must be between 16 and 2000, not 15",
                rejection(AttestConfig.MAX_VALUE_LENGTH, "15"));
    }

    @Test
    void maxValueLengthAboveTheTextColumnIsRejected() {
        assertEquals("attest.max-value-length must be between 16 and 2000, not 2001",
                rejection(AttestConfig.MAX_VALUE_LENGTH, "2001"));
    }

    @Test
    void negativeMaxValueLengthIsRejected() {
        assertEquals("attest.max-value-length must be between 16 and 2000, not -1",
                rejection(AttestConfig.MAX_VALUE_LENGTH, "-1"));
    }

    @Test
    void maxDetailsLengthAcceptsItsBounds() {
        assertEquals(256, load(AttestConfig.MAX_DETAILS_LENGTH, "256").maxDetailsLength());
        assertEquals(32000, load(AttestConfig.MAX_DETAILS_LENGTH, "32000").maxDetailsLength());
    }

    @Test
    void maxDetailsLengthBelow256IsRejected() {
        assertEquals("attest.max-details-length must be between 256 and 32000, not 255",
                rejection(AttestConfig.MAX_DETAILS_LENGTH, "255"));
    }

    @Test
    void maxDetailsLengthAboveTheDetailsColumnIsRejected() {
        assertEquals("attest.max-details-length must be between 256 and 32000, not 32001",
                rejection(AttestConfig.MAX_DETAILS_LENGTH, "32001"));
    }

    @Test
    void sensitiveNamesAreTrimmedLowerCasedAndEmptyEntriesDropped() {
        assertEquals(List.of("password", "api-key", "x-auth"),
                load(AttestConfig.SENSITIVE_NAMES, " Password , API-Key,, X-Auth ,").sensitiveNames());
    }

    @Test
    void configuredSensitiveNamesReplaceTheDefaults() {
        assertEquals(List.of("iban"), load(AttestConfig.SENSITIVE_NAMES, "iban").sensitiveNames());
    }

    @Test
    void trustedProxiesAreTrimmedAndEmptyEntriesDropped() {
        assertEquals(List.of("10.0.0.0/8", "fd00::/8", "192.168.1.7"),
                load(AttestConfig.TRUSTED_PROXIES, " 10.0.0.0/8 ,fd00::/8,, 192.168.1.7 ").trustedProxies());
    }

    @Test
    void everyKeyIsReadInOneLoad() {
        AttestConfig config = load(Map.of(
                AttestConfig.FAILURE_POLICY, "FAIL_OPEN",
                AttestConfig.SENSITIVE_NAMES, "iban",
                AttestConfig.MAX_VALUE_LENGTH, "500",
                AttestConfig.MAX_DETAILS_LENGTH, "4000",
                AttestConfig.TRUSTED_PROXIES, "10.0.0.1"));
        assertEquals(FailurePolicy.FAIL_OPEN, config.failurePolicy());
        assertEquals(List.of("iban"), config.sensitiveNames());
        assertEquals(500, config.maxValueLength());
        assertEquals(4000, config.maxDetailsLength());
        assertEquals(List.of("10.0.0.1"), config.trustedProxies());
    }

    @Test
    void trustedProxiesAreParsedWhenTheConfigurationIsLoaded() {
        assertEquals("attest.trusted-proxies: 'proxy.local' is not an IP address or CIDR range",
                rejection(AttestConfig.TRUSTED_PROXIES, "10.0.0.1, proxy.local"));
        assertEquals("attest.trusted-proxies: bad prefix length in '10.0.0.0/33'",
                rejection(AttestConfig.TRUSTED_PROXIES, "10.0.0.0/33"));
        assertEquals("203.0.113.9", load(AttestConfig.TRUSTED_PROXIES, "127.0.0.1").clientAddresses()
                .resolve("127.0.0.1", "203.0.113.9"));
    }

    @Test
    void aNumberThatIsNoNumberIsRejectedNamingTheKeyAndTheValue() {
        assertEquals("attest.max-value-length must be a whole number between 16 and 2000, not 'lots'",
                rejection(AttestConfig.MAX_VALUE_LENGTH, "lots"));
        assertEquals("attest.max-details-length must be a whole number between 256 and 32000, not '8k'",
                rejection(AttestConfig.MAX_DETAILS_LENGTH, " 8k "));
    }

    @Test
    void viewerRoleDefaultsToAuditViewerAndMustNameOneRole() {
        assertEquals("audit-viewer", load(Map.of()).viewerRole());
        assertEquals("auditor", load(AttestConfig.VIEWER_ROLE, " auditor ").viewerRole());
        assertEquals(true, rejection(AttestConfig.VIEWER_ROLE, " ").contains(AttestConfig.VIEWER_ROLE));
        assertEquals(true, rejection(AttestConfig.VIEWER_ROLE, "**").contains(AttestConfig.VIEWER_ROLE));
    }
}
