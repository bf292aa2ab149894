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
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;

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
        ObjectNode root = NODES.objectNode();
        details.forEach((key, value) -> root.set(key, value instanceof JsonNode node ? node : tree(value)));
        JsonNode clean = scrub(root);
        String json = write(clean);
        int max = config.maxDetailsLength();
        int preview = max / 2;
        while (json.length() > max) {
            json = write(NODES.objectNode().put("truncated", Text.bound(write(clean), preview)));
            preview /= 2;
        }
        return json;
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
