package dev.attest.internal.capture;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationConfig;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.databind.ser.BeanSerializerModifier;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.attest.Redacted;
import dev.attest.internal.config.AttestConfig;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns arguments and event details into the stored JSON: {@link Redacted} members and sensitive names
 * masked, entities as a reference (name and id, never their state), values Jackson cannot serialise as
 * their type name, every string neutralised and bounded, the whole bounded.
 */
@ApplicationScoped
public class DetailsWriter {

    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    @Inject
    AttestConfig config;

    @Inject
    Entities entities;

    /** Names seen so far and whether they are sensitive: keys repeat, so each is matched against the fragments once. */
    private final Map<String, Boolean> sensitiveNames = new ConcurrentHashMap<>();

    private static final int REMEMBERED_NAMES = 10_000;

    private static final String MASKED = "\"" + Redacted.MASK + "\"";

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    /** Jackson writes a decimal with a larger scale only in scientific notation (and refuses it as plain). */
    private static final int PLAIN_DECIMAL_SCALE = 9_999;

    private ObjectMapper mapper;

    @PostConstruct
    void init() {
        SimpleModule references = new SimpleModule("attest-entity-references");
        references.setSerializerModifier(new BeanSerializerModifier() {
            @Override
            public JsonSerializer<?> modifySerializer(SerializationConfig cfg, BeanDescription bean, JsonSerializer<?> serializer) {
                return entities.isEntityClass(bean.getBeanClass()) ? new EntityReference() : serializer;
            }
        });
        mapper = new ObjectMapper()
                .setNodeFactory(NODES)
                .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
                .registerModule(new JavaTimeModule())
                .registerModule(references)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
                .setAnnotationIntrospector(new JacksonAnnotationIntrospector() {
                    @Override
                    public Object findSerializer(Annotated member) {
                        return member.hasAnnotation(Redacted.class) ? Masked.class : super.findSerializer(member);
                    }
                });
    }

    private String write(JsonNode node) {
        try {
            return mapper.writeValueAsString(node);
        } catch (JsonProcessingException impossibleForATree) {
            throw new IllegalStateException(impossibleForATree);
        }
    }

    /** Whether a parameter or key with this name is masked by {@code attest.redact.names}. */
    public boolean isSensitive(String name) {
        Boolean known = sensitiveNames.get(name);
        if (known != null) {
            return known;
        }
        boolean sensitive = matchesSensitiveFragment(name);
        if (sensitiveNames.size() < REMEMBERED_NAMES) {
            sensitiveNames.put(name, sensitive);
        }
        return sensitive;
    }

    private boolean matchesSensitiveFragment(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        for (String fragment : config.sensitiveNames()) {
            if (lower.contains(fragment)) {
                return true;
            }
        }
        return false;
    }

    /** One value as a JSON tree, never throwing: what cannot be serialised is named by its type. */
    public JsonNode tree(Object value) {
        if (value == null) {
            return NODES.nullNode();
        }
        if (value instanceof Arguments arguments) {
            return argumentsTree(arguments);
        }
        try {
            return mapper.valueToTree(value);
        } catch (RuntimeException | StackOverflowError unserialisable) {
            return NODES.objectNode().put("unserializable", value.getClass().getName());
        }
    }

    /** The stored JSON of {@code details}; {@code null} when there are none. */
    public String render(Map<String, ?> details) {
        if (details == null || details.isEmpty()) {
            return null;
        }
        String json = stream(details);
        int max = config.maxDetailsLength();
        if (json.length() <= max) {
            return json;
        }
        String whole = json;
        int preview = max / 2;
        while (json.length() > max) {
            json = write(NODES.objectNode().put("truncated", Text.bound(whole, preview)));
            preview /= 2;
        }
        return json;
    }

    /**
     * Writes the details straight to JSON text, scrubbing on the way: plain values (strings, whole numbers,
     * decimals, booleans) and {@link Arguments} are written as Jackson writes them, without a tree or a generator;
     * other values become a tree first, as Jackson serialises them.
     */
    private String stream(Map<String, ?> details) {
        if (!neutralKeys(details.keySet())) {
            // keys that change when neutralised may collide: the tree's rule (the later one wins) applies
            ObjectNode root = NODES.objectNode();
            details.forEach((key, value) -> root.set(key, value instanceof JsonNode node ? node : tree(value)));
            return write(scrub(root));
        }
        StringBuilder json = new StringBuilder(256).append('{');
        for (Map.Entry<String, ?> detail : details.entrySet()) {
            if (json.length() > 1) {
                json.append(',');
            }
            writeField(json, detail.getKey(), detail.getValue());
        }
        return json.append('}').toString();
    }

    private static boolean neutralKeys(Iterable<String> keys) {
        for (String key : keys) {
            if (!Text.neutralise(key).equals(key)) {
                return false;
            }
        }
        return true;
    }

    private void writeField(StringBuilder json, String key, Object value) {
        quoted(json, key).append(':');
        if (value != null && isSensitive(key)) {
            JsonNode node = value instanceof JsonNode given ? given : tree(value);
            json.append(node.isNull() ? "null" : MASKED);
        } else {
            writeValue(json, value);
        }
    }

    private void writeValue(StringBuilder json, Object value) {
        if (value == null) {
            json.append("null");
        } else if (value instanceof String text) {
            quoted(json, Text.clean(text, config.maxValueLength()));
        } else if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            json.append(((Number) value).longValue());
        } else if (value instanceof BigDecimal decimal && Math.abs(decimal.scale()) <= PLAIN_DECIMAL_SCALE) {
            json.append(decimal.toPlainString());
        } else if (value instanceof Boolean bool) {
            json.append(bool.booleanValue());
        } else if (value instanceof Arguments arguments && neutralKeys(Arrays.asList(arguments.names()))) {
            json.append('{');
            for (int i = 0; i < arguments.names().length; i++) {
                if (i > 0) {
                    json.append(',');
                }
                quoted(json, arguments.names()[i]).append(':');
                if (arguments.masked()[i]) {
                    json.append(MASKED);
                } else {
                    writeValue(json, arguments.values()[i]);
                }
            }
            json.append('}');
        } else {
            json.append(write(scrub(value instanceof JsonNode node ? node : tree(value))));
        }
    }

    /**
     * A JSON string as Jackson writes it: quote and backslash escaped, control characters as short escapes or
     * six-character ones with upper-case hex digits (text that went through {@link Text#clean} has none left),
     * everything else as it is.
     */
    private static StringBuilder quoted(StringBuilder json, String text) {
        json.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                json.append('\\').append(c);
            } else if (c < 0x20) {
                switch (c) {
                    case '\n' -> json.append("\\n");
                    case '\r' -> json.append("\\r");
                    case '\t' -> json.append("\\t");
                    case '\b' -> json.append("\\b");
                    case '\f' -> json.append("\\f");
                    default -> json.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
                }
            } else {
                json.append(c);
            }
        }
        return json.append('"');
    }

    /** The tree of an {@link Arguments} value: what {@link #writeValue} writes when its names need neutralising. */
    private JsonNode argumentsTree(Arguments arguments) {
        ObjectNode node = NODES.objectNode();
        for (int i = 0; i < arguments.names().length; i++) {
            node.set(arguments.names()[i], arguments.masked()[i] ? TextNode.valueOf(Redacted.MASK) : tree(arguments.values()[i]));
        }
        return node;
    }

    private JsonNode scrub(JsonNode node) {
        if (node instanceof ObjectNode object) {
            ObjectNode clean = NODES.objectNode();
            for (Iterator<Map.Entry<String, JsonNode>> fields = object.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                clean.set(Text.neutralise(field.getKey()), isSensitive(field.getKey()) && !field.getValue().isNull()
                        ? TextNode.valueOf(Redacted.MASK) : scrub(field.getValue()));
            }
            return clean;
        }
        if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                array.set(i, scrub(array.get(i)));
            }
            return array;
        }
        if (node.isTextual()) {
            return TextNode.valueOf(Text.clean(node.textValue(), config.maxValueLength()));
        }
        return node;
    }

    /** Writes {@link Redacted#MASK} instead of the value. */
    static final class Masked extends JsonSerializer<Object> {
        @Override
        public void serialize(Object value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeString(Redacted.MASK);
        }
    }

    /** Writes an entity as {@code {"entity": name, "id": id}}. */
    final class EntityReference extends JsonSerializer<Object> {
        @Override
        public void serialize(Object entity, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeStartObject();
            gen.writeStringField("entity", Entities.entityName(entity.getClass()));
            gen.writeFieldName("id");
            provider.defaultSerializeValue(entities.id(entity), gen);
            gen.writeEndObject();
        }
    }

}
