package dev.attest.internal.jsonapi;

import dev.attest.AuditEvent;
import dev.attest.AuditLog;
import dev.attest.AuditRecord;
import dev.attest.AuditSummary;
import dev.attest.AuditTrail;
import dev.attest.Category;
import dev.attest.EntityRevision;
import dev.attest.EventQuery;
import dev.attest.Outcome;
import dev.attest.internal.seal.SealProofs;
import jakarta.inject.Inject;
import jakarta.persistence.metamodel.EntityType;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The read-only JSON API under {@code /audit/api/}: events, one event, entity histories, the changes of an
 * action, summaries, and streaming CSV / JSON Lines exports. Every read is itself recorded.
 */
public class AuditApiServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(AuditApiServlet.class.getName());

    /** Recorded before an export's first byte. */
    public static final String EXPORT = "audit.export";
    /** Recorded after an export's last byte reached the client. */
    public static final String EXPORT_COMPLETED = "audit.export.completed";
    /** Recorded when an export stopped early: the client went away, or the trail could not be read. */
    public static final String EXPORT_TRUNCATED = "audit.export.truncated";

    /** Events fetched per page while an export streams. */
    static final int EXPORT_PAGE = 500;
    private static final Set<String> NONE = Set.of();
    private static final Set<String> SUMMARY = Set.of("from", "to", "actor");
    private static final Set<String> HISTORY = Set.of("before", "limit");

    @Inject
    transient AuditTrail trail;

    @Inject
    transient ApiQueries queries;

    @Inject
    transient AuditLog log;

    @Inject
    transient Viewers viewers;

    @Inject
    transient SealProofs seals;


    /** The viewer check comes first, so that nobody else learns which paths and methods exist. */
    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        if (!viewers.admit(request, response)) {
            return;
        }
        String method = request.getMethod();
        if (!"GET".equals(method) && !"HEAD".equals(method)) {
            response.setHeader("Allow", "GET, HEAD");
            ApiResponses.error(response, HttpServletResponse.SC_METHOD_NOT_ALLOWED,
                    "the audit API is read-only: only GET and HEAD are allowed");
            return;
        }
        super.service(request, response); // GET, or HEAD: GET without the body
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getPathInfo() == null ? "/" : request.getPathInfo();
        String[] parts = path.substring(1).split("/", -1);
        try {
            route(request, response, parts);
        } catch (BadRequest e) {
            ApiResponses.error(response, e.status(), e.getMessage());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "audit API request failed: " + path, e);
            ApiResponses.error(response, HttpServletResponse.SC_INTERNAL_SERVER_ERROR, "the audit trail could not be read");
        }
    }

    private void route(HttpServletRequest request, HttpServletResponse response, String[] parts) throws IOException {
        switch (parts[0]) {
            case "events" -> {
                if (parts.length == 1) {
                    events(request, response);
                } else if (parts.length == 2) {
                    event(request, response, parts[1]);
                } else if (parts.length == 3 && parts[2].equals("seal")) {
                    sealState(request, response, parts[1]);
                } else {
                    throw notFound();
                }
            }
            case "history" -> {
                if (parts.length != 3) {
                    throw notFound();
                }
                history(request, response, parts[1], parts[2]);
            }
            case "actions" -> {
                if (parts.length != 2 || parts[1].isEmpty()) {
                    throw notFound();
                }
                action(request, response, parts[1]);
            }
            case "summary" -> {
                if (parts.length != 1) {
                    throw notFound();
                }
                summary(request, response);
            }
            case "meta" -> {
                if (parts.length != 1) {
                    throw notFound();
                }
                meta(request, response);
            }
            case "seal" -> {
                if (parts.length != 1) {
                    throw notFound();
                }
                Params.of(request, NONE);
                Map<String, Object> body = seals.lastCheckpoint();
                read("seal", Map.of(), Map.of());
                ApiResponses.json(response, 200, body);
            }
            case "export.csv" -> export(request, response, true);
            case "export.jsonl" -> export(request, response, false);
            default -> throw notFound();
        }
    }

    private static BadRequest notFound() {
        return new BadRequest(404, "no such endpoint; see /audit/api/events, /events/{id}, /events/{id}/seal,"
                + " /history/{entity}/{id}, /actions/{correlationId}, /summary, /meta, /seal, /export.csv,"
                + " /export.jsonl");
    }

    private void events(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Params params = Params.of(request, Params.EVENT_FILTERS);
        EventQuery query = params.eventQuery(50);
        if (!params.flag("ownReads") && request.getRemoteUser() != null) {
            query.withoutReadsOf(request.getRemoteUser());
        }
        List<AuditEvent> events = trail.events(query);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("events", events.stream().map(Json::event).toList());
        body.put("next", events.size() == query.limit() ? String.valueOf(events.get(events.size() - 1).id()) : null);
        read("events", params.given(), Map.of("returned", events.size()));
        ApiResponses.json(response, 200, body);
    }

    private void event(HttpServletRequest request, HttpServletResponse response, String idText) throws IOException {
        Params.of(request, NONE);
        long id;
        try {
            id = Long.parseLong(idText);
        } catch (NumberFormatException e) {
            throw new BadRequest("an event id is a whole number, not '" + Params.printable(idText) + "'");
        }
        AuditEvent event = trail.event(id).orElseThrow(() -> new BadRequest(404, "no event " + id));
        read("event", Map.of("id", String.valueOf(id)), Map.of());
        ApiResponses.json(response, 200, Json.event(event));
    }

    /** One page of an entity's revisions, newest first; {@code next} is the {@code before} of the next page. */
    private void history(HttpServletRequest request, HttpServletResponse response, String entity, String idText)
            throws IOException {
        Params params = Params.of(request, HISTORY);
        EntityType<?> type = queries.auditedEntity(entity);
        Object id = queries.id(type, idText);
        long limit = params.positiveLong("limit", 50);
        if (limit > EventQuery.MAX_LIMIT) {
            throw new BadRequest("parameter 'limit' must be between 1 and " + EventQuery.MAX_LIMIT + ", not " + limit);
        }
        Long before = params.text("before") == null ? null : params.positiveLong("before", 0);
        List<EntityRevision> revisions = trail.history(type.getJavaType(), id, before, (int) limit);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("entity", type.getName());
        body.put("id", id);
        body.put("revisions", revisions.stream().map(r -> Json.revision(null, null, r)).toList());
        body.put("next", revisions.size() == limit ? String.valueOf(revisions.get(revisions.size() - 1).revision()) : null);
        Map<String, String> filters = new LinkedHashMap<>(params.given());
        filters.put("entity", type.getName());
        filters.put("id", idText);
        read("history", filters, Map.of("returned", revisions.size()));
        ApiResponses.json(response, 200, body);
    }

    private void action(HttpServletRequest request, HttpServletResponse response, String correlationId)
            throws IOException {
        Params.of(request, NONE);
        if (correlationId.length() > 64) {
            throw new BadRequest("a correlation id has at most 64 characters");
        }
        List<AuditEvent> events = trail.events(new EventQuery().correlationId(correlationId).limit(EventQuery.MAX_LIMIT));
        List<Map<String, Object>> revisions = queries.revisionsOf(correlationId);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("correlationId", correlationId);
        List<Map<String, Object>> oldestFirst = new java.util.ArrayList<>(events.stream().map(Json::event).toList());
        java.util.Collections.reverse(oldestFirst);
        body.put("events", oldestFirst);
        body.put("revisions", revisions);
        read("action", Map.of("correlationId", correlationId),
                Map.of("events", events.size(), "revisions", revisions.size()));
        ApiResponses.json(response, 200, body);
    }

    private void summary(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Params params = Params.of(request, SUMMARY);
        Instant to = params.instant("to");
        if (to == null) {
            to = LocalDate.now(ZoneOffset.UTC).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        }
        Instant from = params.instant("from");
        if (from == null) {
            from = to.minus(Duration.ofDays(30));
        }
        if (!from.isBefore(to)) {
            throw new BadRequest("parameter 'from' must be before 'to'");
        }
        if (Duration.between(from, to).toDays() > ApiQueries.MAX_DAYS) {
            throw new BadRequest("a summary covers at most " + ApiQueries.MAX_DAYS + " days");
        }
        String actor = params.text("actor");
        AuditSummary summary = actor == null ? trail.summary(from, to) : trail.summary(actor, from, to);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("from", from.toString());
        body.put("to", to.toString());
        body.put("actor", actor);
        body.put("total", summary.total());
        body.put("byCategory", summary.byCategory());
        body.put("byOutcome", summary.byOutcome());
        body.put("byAction", summary.byAction());
        body.put("failedLogins", summary.failedLogins());
        body.put("blockedAttempts", summary.blockedAttempts());
        body.put("exports", summary.exports());
        body.put("topActors", summary.topActors().stream().map(a -> Map.of("actorType", a.actor().type(),
                "actorId", a.actor().id(), "events", a.events())).toList());
        body.put("perDay", queries.perDay(actor, from, to));
        read("summary", params.given(), Map.of());
        ApiResponses.json(response, 200, body);
    }

    /**
     * What the page needs to draw its links: the viewer, the {@code @Audited} entity names (a target of one of
     * them has a history) and the years the trail holds, newest first. No event content: not recorded as a read.
     */
    private void meta(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Params.of(request, NONE);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("viewer", request.getRemoteUser());
        body.put("entities", queries.auditedEntityNames());
        body.put("years", queries.years());
        ApiResponses.json(response, 200, body);
    }

    /**
     * Streams every matching event, page by page with the cursor; {@code limit} caps the total when given. The
     * export is recorded before the first byte ({@code audit.export}: format, filters, requester), and its end
     * after the last ({@code audit.export.completed}, or {@code audit.export.truncated} when the client went
     * away or the trail could not be read mid-stream).
     */
    private void export(HttpServletRequest request, HttpServletResponse response, boolean csv) throws IOException {
        Set<String> allowed = new java.util.HashSet<>(Params.EVENT_FILTERS);
        allowed.add("seal");
        Params params = Params.of(request, allowed);
        long cap = params.positiveLong("limit", Long.MAX_VALUE);
        String sealParam = params.text("seal");
        if (sealParam != null && !sealParam.equals("true") && !sealParam.equals("false")) {
            throw new BadRequest("parameter 'seal' must be true or false");
        }
        // with seal=true each event carries its proof bundle, so that attest-verify export checks the file offline
        SealProofs.Snapshot snapshot = "true".equals(sealParam) ? seals.snapshot() : null;
        EventQuery query = params.without("limit").without("seal").eventQuery(EXPORT_PAGE);
        String format = csv ? "csv" : "jsonl";
        AuditRecord started = AuditRecord.of(Category.ACCESS, EXPORT).target("AuditEvent", null)
                .detail("format", format).detail("filters", params.given());
        if (cap != Long.MAX_VALUE) {
            started.detail("limit", cap);
        }
        log.record(started);
        response.setStatus(200);
        ApiResponses.headers(response, csv ? "text/csv" : "application/x-ndjson");
        response.setHeader("Content-Disposition", "attachment; filename=\"audit-events." + format + "\"");
        long written = 0;
        List<String> columns = Json.EVENT_COLUMNS;
        if (snapshot != null) {
            columns = new java.util.ArrayList<>(columns);
            columns.add("seal");
        }
        try {
            Writer out = new BufferedWriter(new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8));
            if (csv) {
                out.write(String.join(",", columns));
                out.write("\r\n");
            }
            while (written < cap) {
                int page = (int) Math.min(EXPORT_PAGE, cap - written);
                List<AuditEvent> events = trail.events(query.limit(page));
                for (AuditEvent event : events) {
                    Map<String, Object> row = Json.event(event);
                    if (snapshot != null) {
                        Map<String, Object> bundle = seals.bundle(snapshot, event.id());
                        row = new LinkedHashMap<>(row);
                        row.put("seal", csv && bundle != null ? dev.attest.internal.integrity.Json.canonical(bundle) : bundle);
                    }
                    if (csv) {
                        Csv.row(out, row, columns);
                    } else {
                        out.write(Json.MAPPER.writeValueAsString(row));
                        out.write('\n');
                    }
                }
                out.flush();
                written += events.size();
                if (events.size() < page) {
                    break;
                }
                query.before(events.get(events.size() - 1).id());
            }
            out.flush();
        } catch (IOException | RuntimeException failure) {
            // the response is committed: the client gets a cut-off file, the trail says so
            log.record(AuditRecord.of(Category.ACCESS, EXPORT_TRUNCATED).outcome(Outcome.FAILURE)
                    .target("AuditEvent", null).detail("format", format).detail("records", written)
                    .detail("filters", params.given())
                    .error(failure.getClass().getSimpleName(), failure instanceof IOException
                            ? "the client stopped reading after " + written + " records"
                            : "the trail could not be read after " + written + " records"));
            if (failure instanceof RuntimeException) {
                LOG.log(Level.WARNING, "audit export failed after " + written + " records", failure);
            }
            return;
        }
        log.record(AuditRecord.of(Category.ACCESS, EXPORT_COMPLETED).target("AuditEvent", null)
                .detail("format", format).detail("records", written).detail("filters", params.given()));
    }

    private void sealState(HttpServletRequest request, HttpServletResponse response, String id) throws IOException {
        Params.of(request, NONE);
        long eventId;
        try {
            eventId = Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw new BadRequest(404, "no event " + id);
        }
        Map<String, Object> body = seals.state(eventId);
        read("seal", Map.of("id", id), Map.of());
        ApiResponses.json(response, 200, body);
    }

    private void read(String endpoint, Map<String, String> filters, Map<String, ?> result) {
        AuditRecord record = AuditRecord.of(Category.ACCESS, "audit.read").target("AuditEvent", null)
                .detail("endpoint", endpoint).detail("filters", filters);
        result.forEach(record::detail);
        log.record(record);
    }
}
