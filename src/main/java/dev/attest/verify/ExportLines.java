package dev.attest.verify;

import java.util.Map;

/** Checks that what an export line shows is what its seal proves. */
final class ExportLines {

    /** Export fields and the event columns they show. */
    private static final Map<String, String> SHOWN = Map.of(
            "action", "action", "outcome", "outcome", "category", "category",
            "targetType", "target_type", "correlationId", "correlation_id", "requestId", "request_id");

    private ExportLines() {
    }

    @SuppressWarnings("unchecked")
    static void compare(Map<String, Object> line, Map<String, Object> bundle, Report report) {
        Map<String, Object> columns = (Map<String, Object>) bundle.get("columns");
        if (line.containsKey("id") && !String.valueOf(line.get("id")).equals(bundle.get("id"))) {
            report.tampered("changed-event", "attest_event", line.get("id"), "the line's id is not the sealed one");
            return;
        }
        for (Map.Entry<String, String> e : SHOWN.entrySet()) {
            if (line.containsKey(e.getKey()) && !java.util.Objects.equals(line.get(e.getKey()), columns.get(e.getValue()))) {
                report.tampered("changed-event", "attest_event", bundle.get("id"),
                        "the line's " + e.getKey() + " is not the sealed " + e.getValue());
            }
        }
    }
}
