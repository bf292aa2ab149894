package dev.attest.internal.jsonapi;

import dev.attest.DataSubject;
import dev.attest.ErasurePlan;
import dev.attest.Erasures;
import dev.attest.Hold;
import dev.attest.HoldScope;
import dev.attest.LegalHolds;
import dev.attest.internal.retention.RetentionService;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Legal holds and erasures under {@code /audit/api/holds} and {@code /audit/api/erasures}: listing holds needs the
 * viewer role; the other operations a login and their own role ({@code attest.hold-role},
 * {@code attest.erasure-role}). Bad input answers 400, a missing role 403, an overlapping hold, an erasure under
 * hold or without its approval 409.
 */
public class RetentionApiServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(RetentionApiServlet.class.getName());

    @Inject
    transient Viewers viewers;

    @Inject
    transient LegalHolds holds;

    @Inject
    transient Erasures erasures;

    @Inject
    transient RetentionService retention;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        String[] parts = path.substring("/audit/api/".length()).split("/", -1);
        String method = request.getMethod();
        if (!"POST".equals(method)) {
            if (!viewers.admit(request, response)) {
                return;
            }
        } else {
            // the operation's role before anything else, so that nobody else learns which paths exist
            boolean holding = parts[0].equals("holds");
            if (!viewers.authenticated(request, response) || !viewers.inRole(request, response,
                    holding ? retention.settings().holdRole() : retention.settings().erasureRole(),
                    holding ? "changing legal holds" : "an erasure")) {
                return;
            }
        }
        try {
            Object body = route(request, parts, method);
            if (body == null) {
                ApiResponses.error(response, 404, "no such endpoint; see GET and POST /audit/api/holds, "
                        + "POST /audit/api/holds/{id}/release, POST /audit/api/erasures/plan, POST /audit/api/erasures, "
                        + "POST /audit/api/erasures/requests, POST /audit/api/erasures/requests/{request}/approve");
            } else {
                ApiResponses.json(response, "POST".equals(method) && (parts.length == 1 && parts[0].equals("holds")
                        || parts.length == 2 && parts[1].equals("requests")) ? 201 : 200, body);
            }
        } catch (IllegalArgumentException e) {
            ApiResponses.error(response, 400, e.getMessage());
        } catch (SecurityException e) {
            ApiResponses.error(response, 403, e.getMessage());
        } catch (IllegalStateException e) {
            ApiResponses.error(response, 409, e.getMessage());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "audit API request failed: " + path, e);
            ApiResponses.error(response, 500, "the request could not be carried out");
        }
    }

    private Object route(HttpServletRequest request, String[] parts, String method) {
        if (parts[0].equals("holds")) {
            if (parts.length == 1 && method.equals("GET")) {
                return Map.of("holds", holds.active().stream().map(RetentionApiServlet::hold).toList());
            }
            if (parts.length == 1 && method.equals("POST")) {
                List<Long> ids = text(request, "ids") == null ? null
                        : Arrays.stream(text(request, "ids").split(",")).map(String::trim).map(RetentionApiServlet::id).toList();
                HoldScope scope = new HoldScope(text(request, "actor"), text(request, "targetType"),
                        text(request, "targetId"), text(request, "correlationId"), ids, time(request, "from"), time(request, "to"));
                return hold(holds.place(scope, text(request, "case")));
            }
            if (parts.length == 3 && parts[2].equals("release") && method.equals("POST")) {
                return hold(holds.release(id(parts[1])));
            }
        } else if (parts[0].equals("erasures") && method.equals("POST")) {
            DataSubject subject = text(request, "user") != null ? DataSubject.user(text(request, "user"))
                    : DataSubject.entity(text(request, "entityType"), text(request, "entityId"));
            if (parts.length == 2 && parts[1].equals("plan")) {
                return plan(erasures.plan(subject));
            }
            if (parts.length == 1) {
                return plan(erasures.erase(subject, text(request, "request"), text(request, "reason")));
            }
            if (parts.length == 2 && parts[1].equals("requests")) {
                return plan(erasures.request(subject, text(request, "request"), text(request, "reason")));
            }
            if (parts.length == 4 && parts[1].equals("requests") && parts[3].equals("approve")) {
                return plan(erasures.approve(parts[2]));
            }
        }
        return null;
    }

    private static String text(HttpServletRequest request, String name) {
        String value = request.getParameter(name);
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static long id(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not an id");
        }
    }

    private static Instant time(HttpServletRequest request, String name) {
        String value = text(request, name);
        try {
            return value == null ? null : Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("parameter '" + name + "' must be an ISO-8601 instant such as "
                    + "2026-01-31T00:00:00Z, not '" + value + "'");
        }
    }

    static Map<String, Object> hold(Hold hold) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", hold.id());
        body.put("case", hold.caseReference());
        body.put("actor", hold.scope().actorId());
        body.put("targetType", hold.scope().targetType());
        body.put("targetId", hold.scope().targetId());
        body.put("correlationId", hold.scope().correlationId());
        body.put("ids", hold.scope().eventIds());
        body.put("from", hold.scope().from() == null ? null : hold.scope().from().toString());
        body.put("to", hold.scope().to() == null ? null : hold.scope().to().toString());
        body.put("placedBy", hold.placedBy());
        body.put("placedAt", hold.placedAt().toString());
        body.put("releasedBy", hold.releasedBy());
        body.put("releasedAt", hold.releasedAt() == null ? null : hold.releasedAt().toString());
        return body;
    }

    private static Map<String, Object> plan(ErasurePlan plan) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("erased", plan.erased());
        body.put("events", plan.events());
        body.put("revisions", plan.revisions());
        body.put("audRows", plan.audRows());
        body.put("columns", plan.columns());
        body.put("blockingHolds", plan.blockingHolds());
        return body;
    }
}
