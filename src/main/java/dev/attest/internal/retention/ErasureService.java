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
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
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

    @PersistenceContext
    EntityManager entityManager;

    @Override
    public ErasurePlan plan(DataSubject subject) {
        CallerRoles.require(roles, retention.settings().erasureRole(), RetentionSettings.ERASURE_ROLE, "planning an erasure");
        check(subject);
        Erasure.AudSubject aud = audSubject(subject);
        return work.work(c -> {
            Map<String, Map<Long, Set<String>>> rows = Erasure.rows(c, subject);
            List<Erasure.AudHit> hits = Erasure.audRows(c, aud);
            known(subject, rows, hits);
            return plan(subject, rows, hits, Erasure.blockingHolds(c, subject, LegalHoldService.active(c), aud, hits), false);
        });
    }

    @Override
    public ErasurePlan erase(DataSubject subject, String requestReference, String reason) {
        CallerRoles.require(roles, retention.settings().erasureRole(), RetentionSettings.ERASURE_ROLE, "an erasure");
        if (retention.settings().erasureApproval()) {
            throw new IllegalStateException(RetentionSettings.ERASURE_APPROVAL + "=true: an erasure is requested by one "
                    + "person and carried out when a second one approves it");
        }
        return carryOut(subject, requestReference, reason, null);
    }

    @Override
    public ErasurePlan request(DataSubject subject, String requestReference, String reason) {
        CallerRoles.require(roles, retention.settings().erasureRole(), RetentionSettings.ERASURE_ROLE, "requesting an erasure");
        if (!retention.settings().erasureApproval()) {
            throw new IllegalStateException(RetentionSettings.ERASURE_APPROVAL + " is false: erase directly");
        }
        check(subject);
        String reference = reference(requestReference);
        String requestedBy = roles.caller();
        Erasure.AudSubject aud = audSubject(subject);
        return work.work(c -> {
            Map<String, Map<Long, Set<String>>> rows = Erasure.rows(c, subject);
            List<Erasure.AudHit> hits = Erasure.audRows(c, aud);
            known(subject, rows, hits);
            try (PreparedStatement s = c.prepareStatement("select 1 from attest_erasure_request where request_reference = ?")) {
                s.setString(1, reference);
                try (ResultSet rs = s.executeQuery()) {
                    if (rs.next()) {
                        throw new IllegalStateException("erasure request " + reference + " is already waiting for approval");
                    }
                }
            }
            try (PreparedStatement s = c.prepareStatement("insert into attest_erasure_request (request_reference, user_id, "
                    + "entity_type, entity_id, reason, requested_by, requested_at) values (?, ?, ?, ?, ?, ?, ?)")) {
                s.setString(1, reference);
                s.setString(2, subject.userId());
                s.setString(3, subject.entityType());
                s.setString(4, subject.entityId());
                s.setString(5, why(reason));
                s.setString(6, requestedBy);
                s.setTimestamp(7, Timestamp.from(Instant.now()));
                s.executeUpdate();
            }
            return plan(subject, rows, hits, Erasure.blockingHolds(c, subject, LegalHoldService.active(c), aud, hits), false);
        });
    }

    @Override
    public ErasurePlan approve(String requestReference) {
        CallerRoles.require(roles, retention.settings().erasureRole(), RetentionSettings.ERASURE_ROLE, "approving an erasure");
        String reference = reference(requestReference);
        String approver = roles.caller();
        Object[] pending = work.work(c -> {
            try (PreparedStatement s = c.prepareStatement("select user_id, entity_type, entity_id, reason, requested_by "
                    + "from attest_erasure_request where request_reference = ?")) {
                s.setString(1, reference);
                try (ResultSet rs = s.executeQuery()) {
                    if (!rs.next()) {
                        throw new IllegalArgumentException("no erasure request " + reference + " waits for approval");
                    }
                    return new Object[] {new DataSubject(rs.getString(1), rs.getString(2), rs.getString(3)),
                            rs.getString(4), rs.getString(5)};
                }
            }
        });
        if (approver == null || approver.equals(pending[2])) {
            throw new IllegalStateException("erasure request " + reference + " was made by " + pending[2]
                    + "; a second person must approve it");
        }
        return carryOut((DataSubject) pending[0], reference, (String) pending[1], approver);
    }

    private static String reference(String requestReference) {
        if (requestReference == null || requestReference.isBlank() || requestReference.length() > 255) {
            throw new IllegalArgumentException("an erasure needs the reference of its request (1 to 255 characters)");
        }
        return requestReference.trim();
    }

    private static String why(String reason) {
        return reason == null || reason.isBlank() ? "GDPR Art. 17 request" : reason.trim();
    }

    /** Erases in one transaction (removing the approved request, if any), then records {@code audit.erasure}. */
    private ErasurePlan carryOut(DataSubject subject, String requestReference, String reason, String approvedBy) {
        check(subject);
        String reference = reference(requestReference);
        String why = why(reason);
        Instant now = Instant.now();
        Erasure.AudSubject aud = audSubject(subject);
        ErasurePlan done = work.work(c -> {
            if (approvedBy != null) {
                try (PreparedStatement s = c.prepareStatement("delete from attest_erasure_request where request_reference = ?")) {
                    s.setString(1, reference);
                    s.executeUpdate();
                }
            }
            Map<String, Map<Long, Set<String>>> rows = Erasure.rows(c, subject);
            List<Erasure.AudHit> hits = Erasure.audRows(c, aud);
            known(subject, rows, hits);
            List<Long> holds = Erasure.blockingHolds(c, subject, LegalHoldService.active(c), aud, hits);
            if (!holds.isEmpty()) {
                throw new IllegalStateException("the erasure is refused: legal hold(s) " + holds
                        + " cover this data subject's records");
            }
            Erasure.erase(c, rows, hits, sealing.enabled(), reference, why, now);
            return plan(subject, rows, hits, List.of(), true);
        });
        log.record(AuditRecord.of(Category.SECURITY, ERASED).detail("request", reference)
                .detail("approvedBy", approvedBy)
                .detail("reason", why).detail("events", done.events()).detail("revisions", done.revisions())
                .detail("audRows", done.audRows())
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

    /**
     * The {@code _AUD} table whose rows belong to the subject: the entity's own, or for a user the one of
     * {@code attest.erasure.user-entity}; null when there is none (not an audited entity, or a composite id).
     */
    private Erasure.AudSubject audSubject(DataSubject subject) {
        if (subject.userId() != null) {
            String entity = retention.settings().userEntity();
            if (entity == null) {
                return null;
            }
            Erasure.AudSubject aud = audSubject(entity, subject.userId());
            if (aud == null) {
                throw new IllegalStateException(RetentionSettings.USER_ENTITY + " is '" + entity
                        + "', which is not an @Audited entity with a single id column");
            }
            return aud;
        }
        return audSubject(subject.entityType(), subject.entityId());
    }

    private Erasure.AudSubject audSubject(String type, String id) {
        String[] table = AuditedEntities.auditTable(entityManager, type);
        return table == null ? null : new Erasure.AudSubject(type, id, table[0], table[1]);
    }

    private static void known(DataSubject subject, Map<String, Map<Long, Set<String>>> rows, List<Erasure.AudHit> hits) {
        if (rows.isEmpty() && hits.isEmpty()) {
            throw new IllegalArgumentException("unknown data subject: no event, revision or audited entity row names "
                    + (subject.userId() != null ? "user '" + subject.userId() + "'"
                    : subject.entityType() + " '" + subject.entityId() + "'"));
        }
    }

    private static ErasurePlan plan(DataSubject subject, Map<String, Map<Long, Set<String>>> rows,
                                    List<Erasure.AudHit> hits, List<Long> holds, boolean erased) {
        Set<String> columns = new TreeSet<>();
        rows.forEach((table, byId) -> byId.values().forEach(cols -> cols.forEach(col -> columns.add(table + "." + col))));
        hits.forEach(hit -> hit.values().keySet().forEach(col -> columns.add(hit.table() + "." + col)));
        return new ErasurePlan(subject, rows.getOrDefault(Preimages.EVENT_TABLE, Map.of()).size(),
                rows.getOrDefault(Preimages.REVISION_TABLE, Map.of()).size(), hits.size(), List.copyOf(columns), holds,
                erased);
    }
}
