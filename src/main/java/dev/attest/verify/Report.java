package dev.attest.verify;

import dev.attest.internal.integrity.Json;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What a verification found: findings (kind, table, id) that are tampering or warnings, and what was checked. */
public final class Report {

    /** One finding. {@code tampered} findings exit 1; warnings alone exit 2. */
    public record Finding(String kind, String table, String id, boolean tampered, String detail) {
    }

    private final List<Finding> findings = new ArrayList<>();
    private final Map<String, Object> checked = new LinkedHashMap<>();

    public void tampered(String kind, String table, Object id, String detail) {
        findings.add(new Finding(kind, table, id == null ? null : id.toString(), true, detail));
    }

    public void warning(String kind, String table, Object id, String detail) {
        findings.add(new Finding(kind, table, id == null ? null : id.toString(), false, detail));
    }

    public void checked(String what, long count) {
        checked.put(what, count);
    }

    public List<Finding> findings() {
        return findings;
    }

    public boolean isTampered() {
        return findings.stream().anyMatch(Finding::tampered);
    }

    /** 0 clean, 1 tampered, 2 warnings only. */
    public int exitCode() {
        return isTampered() ? 1 : findings.isEmpty() ? 0 : 2;
    }

    public String verdict() {
        return isTampered() ? "tampered" : findings.isEmpty() ? "clean" : "warnings";
    }

    public String json() {
        Map<String, Object> out = new TreeMap<>();
        out.put("verdict", verdict());
        Map<String, Object> counts = new TreeMap<>();
        checked.forEach((k, v) -> counts.put(k, ((Number) v).longValue()));
        out.put("checked", counts);
        List<Object> list = new ArrayList<>();
        for (Finding f : findings) {
            Map<String, Object> m = new TreeMap<>();
            m.put("kind", f.kind());
            m.put("table", f.table());
            m.put("id", f.id());
            m.put("severity", f.tampered() ? "tampered" : "warning");
            m.put("detail", f.detail());
            list.add(m);
        }
        out.put("findings", list);
        return Json.canonical(out);
    }
}
