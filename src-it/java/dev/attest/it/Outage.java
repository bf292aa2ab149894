package dev.attest.it;

/** A real failure of the event store: a check constraint refuses every event whose action starts with {@code outage.}. */
final class Outage {

    private Outage() {
    }

    static void begin(Probe probe) {
        probe.execute("alter table attest_event add constraint refuse_outage check (action not like 'outage.%')");
    }

    static void end(Probe probe) {
        probe.execute("alter table attest_event drop constraint refuse_outage");
    }

    /** Waits up to 20 seconds for {@code count} events of {@code action}. */
    static java.util.List<dev.attest.AuditEvent> await(Probe probe, String action, int count) throws InterruptedException {
        long deadline = System.nanoTime() + 20_000_000_000L;
        java.util.List<dev.attest.AuditEvent> events = probe.events(action);
        while (events.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(100);
            events = probe.events(action);
        }
        return events;
    }
}
