package io.meshbench.service;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.jsontype.NamedType;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import io.meshbench.event.MeshEvent;

import java.util.Arrays;

/**
 * JSON in and out of the service. A {@link MeshEvent} is written as a recording (format 2) writes
 * it: its fields by name, and its record's simple name in {@code "event"} (message events carry the
 * wire type in their own {@code type} field).
 */
final class Json {

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "event")
    private interface TypeMixin {
    }

    static final ObjectMapper MAPPER = mapper();

    private Json() {
    }

    private static ObjectMapper mapper() {
        JsonMapper mapper = JsonMapper.builder()
                .addModule(new Jdk8Module())
                .addMixIn(MeshEvent.class, TypeMixin.class)
                .serializationInclusion(JsonInclude.Include.ALWAYS)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .build();
        // Bodies are capped in bytes before they are parsed; nesting is capped here.
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).build());
        mapper.registerSubtypes(Arrays.stream(MeshEvent.class.getPermittedSubclasses())
                .map(type -> new NamedType(type, type.getSimpleName())).toArray(NamedType[]::new));
        return mapper;
    }

    static String event(MeshEvent event) {
        return write(MAPPER.writerFor(MeshEvent.class), event);
    }

    static String write(Object value) {
        return write(MAPPER.writer(), value);
    }

    private static String write(com.fasterxml.jackson.databind.ObjectWriter writer, Object value) {
        try {
            return writer.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON: "
                    + e.getOriginalMessage(), e);
        }
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /** The body as a JSON object, or a 400 that says what is wrong with it and where. */
    static ObjectNode parseObject(byte[] body) {
        if (body.length == 0) {
            throw ApiError.badJson("the request has no body; send a JSON object, e.g. {\"prompt\": \"Describe a sunset\"}");
        }
        JsonNode node;
        try {
            node = MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            var where = e.getLocation();
            throw ApiError.badJson("the body is not valid JSON: " + e.getOriginalMessage()
                    + (where == null ? "" : " (line " + where.getLineNr() + ", column " + where.getColumnNr() + ")"));
        } catch (java.io.IOException e) {
            throw ApiError.badJson("the body could not be read as JSON: " + e.getMessage());
        }
        if (node == null || !node.isObject()) {
            throw ApiError.badJson("the body must be a JSON object, got " + (node == null ? "nothing" : node.getNodeType().name().toLowerCase())
                    + "; e.g. {\"prompt\": \"Describe a sunset\"}");
        }
        return (ObjectNode) node;
    }

    /** A required non-empty string field. */
    static String text(ObjectNode body, String field, String what) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            throw ApiError.missing(field, what);
        }
        if (!value.isTextual()) {
            throw ApiError.badField(field, "must be a string, got " + value.getNodeType().name().toLowerCase());
        }
        if (value.asText().isBlank()) {
            throw ApiError.badField(field, "is empty; " + what);
        }
        return value.asText();
    }

    /** An optional string field ({@code null} when absent or null). */
    static String optionalText(ObjectNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw ApiError.badField(field, "must be a string, got " + value.getNodeType().name().toLowerCase());
        }
        return value.asText();
    }

    static boolean optionalBoolean(ObjectNode body, String field, boolean otherwise) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return otherwise;
        }
        if (!value.isBoolean()) {
            throw ApiError.badField(field, "must be true or false, got " + value);
        }
        return value.asBoolean();
    }
}
