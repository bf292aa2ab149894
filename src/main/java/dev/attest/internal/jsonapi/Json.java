package dev.attest.internal.jsonapi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.attest.Actor;
import dev.attest.AuditEvent;
import dev.attest.EntityRevision;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON shapes of the API: events and revisions as flat objects, instants as ISO-8601 strings. */
final class Json {

    static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    /** The columns of an event, in the order of the CSV export. */
    static final List<String> EVENT_COLUMNS = List.of("id", "occurredAt", "category", "action", "outcome",
            "actorType", "actorId", "onBehalfOfType", "onBehalfOfId", "targetType", "targetId", "reason",
            "clientAddress", "userAgent", "httpMethod", "httpPath", "requestId", "correlationId", "durationMillis",
            "details", "errorType", "errorMessage");

    private Json() {
    }

    /** An event as a flat map; {@code details} parsed when it is JSON, else kept as text. */
    static Map<String, Object> event(AuditEvent e) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("id", e.id());
        map.put("occurredAt", e.occurredAt() == null ? null : e.occurredAt().toString());
        map.put("category", e.category());
        map.put("action", e.action());
        map.put("outcome", e.outcome());
        Actor actor = e.actor();
        map.put("actorType", actor.type());
        map.put("actorId", actor.id());
        map.put("onBehalfOfType", actor.onBehalfOf() == null ? null : actor.onBehalfOf().type());
        map.put("onBehalfOfId", actor.onBehalfOf() == null ? null : actor.onBehalfOf().id());
        map.put("targetType", e.targetType());
        map.put("targetId", e.targetId());
        map.put("reason", e.reason());
        map.put("clientAddress", e.clientAddress());
        map.put("userAgent", e.userAgent());
        map.put("httpMethod", e.httpMethod());
        map.put("httpPath", e.httpPath());
        map.put("requestId", e.requestId());
        map.put("correlationId", e.correlationId());
        map.put("durationMillis", e.durationMillis());
        map.put("details", details(e.details()));
        map.put("errorType", e.errorType());
        map.put("errorMessage", e.errorMessage());
        return map;
    }

    private static Object details(String details) {
        if (details == null || details.isEmpty()) {
            return null;
        }
        try {
            JsonNode node = MAPPER.readTree(details);
            return node == null ? details : node;
        } catch (JsonProcessingException e) {
            return details;
        }
    }

    /** One revision of one entity. */
    static Map<String, Object> revision(String entity, Object id, EntityRevision r) {
        Map<String, Object> map = new LinkedHashMap<>();
        if (entity != null) {
            map.put("entity", entity);
            map.put("entityId", id);
        }
        map.put("revision", r.revision());
        map.put("time", r.time() == null ? null : r.time().toString());
        map.put("change", r.change());
        map.put("actorType", r.actor() == null ? null : r.actor().type());
        map.put("actorId", r.actor() == null ? null : r.actor().id());
        map.put("onBehalfOfId", r.actor() == null || r.actor().onBehalfOf() == null ? null : r.actor().onBehalfOf().id());
        map.put("correlationId", r.correlationId());
        map.put("requestId", r.requestId());
        map.put("clientAddress", r.clientAddress());
        map.put("reason", r.reason());
        List<Map<String, Object>> changes = new ArrayList<>();
        for (EntityRevision.FieldChange change : r.changes()) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("field", change.field());
            c.put("before", change.oldValue());
            c.put("after", change.newValue());
            changes.add(c);
        }
        map.put("changes", changes);
        return map;
    }
}
