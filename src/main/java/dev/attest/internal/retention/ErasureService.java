package dev.attest.internal.retention;

import dev.attest.AuditLog;
import dev.attest.AuditRecord;
import dev.attest.Category;
import dev.attest.DataSubject;
import dev.attest.ErasurePlan;
import dev.attest.Erasures;
import dev.attest.internal.integrity.Preimages;
import dev.attest.internal.seal.SealRounds;
import dev.attest.internal.seal.SealService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** {@link Erasures}: the plan and the erasure of one data subject, by callers in {@code attest.erasure-role}. */
@ApplicationScoped
public class ErasureService implements Erasures {

    /** Recorded for each erasure: request reference, reason, rows and columns; never the subject. */
    public static final String ERASED = "audit.erasure";

    @Inject
    SealRounds work;

    @Inject
    SealService sealing;

    @Inject
    CallerRoles roles;

    @Inject
    RetentionService retention;

    @Inject
    AuditLog log;

    @Override
    public ErasurePlan plan(DataSubject subject) {
        CallerRoles.require(roles, retention.settings().erasureRole(), RetentionSettings.ERASURE_ROLE, "planning an erasure");
        check(subject);
        return work.work(c -> {
            Map<String, Map<Long, Set<String>>> rows = Erasure.rows(c, subject);
            known(subject, rows);
            return plan(subject, rows, Erasure.blockingHolds(c, subject, LegalHoldService.active(c)), false);
        });
    }

    @Override
    public ErasurePlan erase(DataSubject subject, String requestReference, String reason) {
        CallerRoles.require(roles, retention.settings().erasureRole(), RetentionSettings.ERASURE_ROLE, "an erasure");
        check(subject);
        if (requestReference == null || requestReference.isBlank() || requestReference.length() > 255) {
            throw new IllegalArgumentException("an erasure needs the reference of its request (1 to 255 characters)");
        }
        String why = reason == null || reason.isBlank() ? "GDPR Art. 17 request" : reason.trim();
        Instant now = Instant.now();
        ErasurePlan done = work.work(c -> {
            Map<String, Map<Long, Set<String>>> rows = Erasure.rows(c, subject);
            known(subject, rows);
            List<Long> holds = Erasure.blockingHolds(c, subject, LegalHoldService.active(c));
            if (!holds.isEmpty()) {
                throw new IllegalStateException("the erasure is refused: legal hold(s) " + holds
                        + " cover this data subject's records");
            }
            Erasure.erase(c, rows, sealing.enabled(), requestReference.trim(), why, now);
            return plan(subject, rows, List.of(), true);
        });
        log.record(AuditRecord.of(Category.SECURITY, ERASED).detail("request", requestReference.trim())
                .detail("reason", why).detail("events", done.events()).detail("revisions", done.revisions())
                .detail("columns", done.columns()));
        return done;
    }

    private static void check(DataSubject subject) {
        if (subject == null || (blank(subject.userId()) && (blank(subject.entityType()) || blank(subject.entityId())))) {
            throw new IllegalArgumentException("an erasure names a user id, or an entity type and id");
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static void known(DataSubject subject, Map<String, Map<Long, Set<String>>> rows) {
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("unknown data subject: no event or revision names "
                    + (subject.userId() != null ? "user '" + subject.userId() + "'"
                    : subject.entityType() + " '" + subject.entityId() + "'"));
        }
    }

    private static ErasurePlan plan(DataSubject subject, Map<String, Map<Long, Set<String>>> rows, List<Long> holds,
                                    boolean erased) {
        Set<String> columns = new TreeSet<>();
        rows.forEach((table, byId) -> byId.values().forEach(cols -> cols.forEach(col -> columns.add(table + "." + col))));
        return new ErasurePlan(subject, rows.getOrDefault(Preimages.EVENT_TABLE, Map.of()).size(),
                rows.getOrDefault(Preimages.REVISION_TABLE, Map.of()).size(), List.copyOf(columns), holds, erased);
    }
}
