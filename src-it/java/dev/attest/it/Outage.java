package dev.attest.it;

/**
 * A real failure of the event store: a check constraint refuses every event whose target id starts with a
 * prefix of the test's own (so events of earlier tests never stop the constraint from being added).
 */
final class Outage {

    private Outage() {
    }

    static void begin(Probe probe, String targetPrefix) {
        probe.execute("alter table attest_event add constraint refuse_outage check (coalesce(target_id, '-') not like '"
                + targetPrefix + "%')");
    }

    static void end(Probe probe) {
        probe.execute("alter table attest_event drop constraint refuse_outage");
    }

    /** Waits up to 30 seconds for {@code count} events of {@code action} whose target id starts with {@code prefix}. */
    static java.util.List<dev.attest.AuditEvent> await(Probe probe, String action, String prefix, int count)
            throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        java.util.List<dev.attest.AuditEvent> events = matching(probe, action, prefix);
        while (events.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(100);
            events = matching(probe, action, prefix);
        }
        return events;
    }

    private static java.util.List<dev.attest.AuditEvent> matching(Probe probe, String action, String prefix) {
        return probe.events(action).stream().filter(e -> e.targetId() != null && e.targetId().startsWith(prefix)).toList();
    }
}
