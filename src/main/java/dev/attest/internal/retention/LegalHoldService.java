package dev.attest.internal.retention;

import dev.attest.AuditLog;
import dev.attest.AuditRecord;
import dev.attest.Category;
import dev.attest.Hold;
import dev.attest.HoldScope;
import dev.attest.LegalHolds;
import dev.attest.internal.seal.SealRounds;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/** {@link LegalHolds}: holds in {@code attest_hold}, placed and released by callers in {@code attest.hold-role}. */
@ApplicationScoped
public class LegalHoldService implements LegalHolds {

    public static final String PLACED = "audit.hold.placed";
    public static final String RELEASED = "audit.hold.released";

    @Inject
    SealRounds work;

    @Inject
    CallerRoles roles;

    @Inject
    RetentionService retention;

    @Inject
    AuditLog log;

    @Override
    public Hold place(HoldScope scope, String caseReference) {
        CallerRoles.require(roles, retention.settings().holdRole(), RetentionSettings.HOLD_ROLE, "placing a legal hold");
        if (scope == null || (scope.actorId() == null && scope.targetType() == null && scope.targetId() == null
                && scope.correlationId() == null && scope.eventIds().isEmpty() && scope.from() == null && scope.to() == null)) {
            throw new IllegalArgumentException("a legal hold needs at least one of actor, target, correlation id, "
                    + "event ids or time range");
        }
        if (scope.targetId() != null && scope.targetType() == null) {
            throw new IllegalArgumentException("a hold on a target id needs its target type");
        }
        if (scope.from() != null && scope.to() != null && !scope.from().isBefore(scope.to())) {
            throw new IllegalArgumentException("a hold's time range must start before it ends: " + scope.from()
                    + " is not before " + scope.to());
        }
        if (caseReference == null || caseReference.isBlank() || caseReference.length() > 255) {
            throw new IllegalArgumentException("a legal hold needs a case reference of 1 to 255 characters");
        }
        String placedBy = Objects.requireNonNull(roles.caller(), "an authenticated caller");
        Hold hold = work.work(c -> {
            for (Hold other : active(c)) {
                if (other.caseReference().equals(caseReference.trim()) && overlaps(other.scope(), scope)) {
                    throw new IllegalStateException("the hold overlaps hold " + other.id() + " of the same case "
                            + other.caseReference() + " (" + describe(other.scope()) + "); release or change that one instead");
                }
            }
            long id;
            try (PreparedStatement s = c.prepareStatement("select coalesce(max(id), 0) + 1 from attest_hold");
                 ResultSet rs = s.executeQuery()) {
                rs.next();
                id = rs.getLong(1);
            }
            Instant now = Instant.now();
            try (PreparedStatement s = c.prepareStatement("insert into attest_hold (id, case_reference, actor_id, "
                    + "target_type, target_id, correlation_id, event_ids, held_from, held_to, placed_by, placed_at) "
                    + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                s.setLong(1, id);
                s.setString(2, caseReference.trim());
                s.setString(3, scope.actorId());
                s.setString(4, scope.targetType());
                s.setString(5, scope.targetId());
                s.setString(6, scope.correlationId());
                s.setString(7, scope.eventIds().isEmpty() ? null
                        : scope.eventIds().stream().map(String::valueOf).collect(Collectors.joining(",")));
                s.setTimestamp(8, scope.from() == null ? null : Timestamp.from(scope.from()));
                s.setTimestamp(9, scope.to() == null ? null : Timestamp.from(scope.to()));
                s.setString(10, placedBy);
                s.setTimestamp(11, Timestamp.from(now));
                s.executeUpdate();
            }
            return new Hold(id, scope, caseReference.trim(), placedBy, now, null, null);
        });
        log.record(AuditRecord.of(Category.SECURITY, PLACED).target("LegalHold", hold.id())
                .detail("case", hold.caseReference()).detail("scope", describe(scope)));
        return hold;
    }

    @Override
    public Hold release(long id) {
        CallerRoles.require(roles, retention.settings().holdRole(), RetentionSettings.HOLD_ROLE, "releasing a legal hold");
        String releasedBy = roles.caller();
        Hold released = work.work(c -> {
            Hold hold = byId(c, id);
            if (hold == null) {
                throw new IllegalArgumentException("there is no legal hold " + id);
            }
            if (hold.releasedAt() != null) {
                throw new IllegalStateException("legal hold " + id + " was released at " + hold.releasedAt());
            }
            Instant now = Instant.now();
            try (PreparedStatement s = c.prepareStatement("update attest_hold set released_by = ?, released_at = ? "
                    + "where id = ? and released_at is null")) {
                s.setString(1, releasedBy);
                s.setTimestamp(2, Timestamp.from(now));
                s.setLong(3, id);
                s.executeUpdate();
            }
            return new Hold(id, hold.scope(), hold.caseReference(), hold.placedBy(), hold.placedAt(), releasedBy, now);
        });
        log.record(AuditRecord.of(Category.SECURITY, RELEASED).target("LegalHold", id)
                .detail("case", released.caseReference()));
        return released;
    }

    @Override
    public List<Hold> active() {
        return work.work(LegalHoldService::active);
    }

    /** The holds in force, oldest first, read on {@code c}. */
    static List<Hold> active(Connection c) throws SQLException {
        return read(c, "released_at is null", null);
    }

    private static Hold byId(Connection c, long id) throws SQLException {
        List<Hold> holds = read(c, "id = ?", id);
        return holds.isEmpty() ? null : holds.get(0);
    }

    private static List<Hold> read(Connection c, String where, Long param) throws SQLException {
        List<Hold> holds = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("select id, case_reference, actor_id, target_type, target_id, "
                + "correlation_id, event_ids, held_from, held_to, placed_by, placed_at, released_by, released_at "
                + "from attest_hold where " + where + " order by id")) {
            if (param != null) {
                s.setLong(1, param);
            }
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    String ids = rs.getString(7);
                    HoldScope scope = new HoldScope(rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                            ids == null ? List.of() : Arrays.stream(ids.split(",")).map(Long::valueOf).toList(),
                            instant(rs, 8), instant(rs, 9));
                    holds.add(new Hold(rs.getLong(1), scope, rs.getString(2), rs.getString(10), instant(rs, 11),
                            rs.getString(12), instant(rs, 13)));
                }
            }
        }
        return holds;
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    /**
     * Two scopes overlap when their criteria intersect: every criterion that both name agrees (the same actor, target
     * type, target id and correlation id, at least one shared event id, time ranges that intersect); a criterion
     * only one of them names does not separate them. So {@code actor bob} overlaps {@code actor bob during March}
     * and {@code target Invoice}, but not {@code actor carol} nor {@code actor bob during April} when the other is
     * {@code actor bob during March}.
     */
    static boolean overlaps(HoldScope a, HoldScope b) {
        return agree(a.actorId(), b.actorId()) && agree(a.targetType(), b.targetType())
                && agree(a.targetId(), b.targetId()) && agree(a.correlationId(), b.correlationId())
                && (a.eventIds().isEmpty() || b.eventIds().isEmpty() || a.eventIds().stream().anyMatch(b.eventIds()::contains))
                && (a.to() == null || b.from() == null || b.from().isBefore(a.to()))
                && (b.to() == null || a.from() == null || a.from().isBefore(b.to()));
    }

    private static boolean agree(String a, String b) {
        return a == null || b == null || a.equals(b);
    }

    static String describe(HoldScope scope) {
        List<String> parts = new ArrayList<>();
        if (scope.actorId() != null) {
            parts.add("actor " + scope.actorId());
        }
        if (scope.targetType() != null) {
            parts.add("target " + scope.targetType() + (scope.targetId() == null ? "" : " " + scope.targetId()));
        }
        if (scope.correlationId() != null) {
            parts.add("correlation " + scope.correlationId());
        }
        if (!scope.eventIds().isEmpty()) {
            parts.add("events " + scope.eventIds());
        }
        if (scope.from() != null || scope.to() != null) {
            parts.add("from " + scope.from() + " to " + scope.to());
        }
        return String.join(", ", parts);
    }
}
