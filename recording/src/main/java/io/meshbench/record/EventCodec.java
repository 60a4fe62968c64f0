package io.meshbench.record;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.jsontype.NamedType;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import io.meshbench.event.MeshEvent;

import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;

/**
 * One {@link MeshEvent} as one line of JSON: {@code {"type": "BidAccepted", "time": ..., ...}}, the
 * type being the record's simple name and the other fields its components, by name. Every record
 * permitted by the sealed interface is known without a list to keep up to date, so a new event
 * type is recorded as soon as it exists.
 */
final class EventCodec {

    /** Puts the record's simple name in a {@code type} field, first, without touching the event types. */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
    private interface TypeMixin {
    }

    private static final ObjectMapper MAPPER = mapper();
    private static final ObjectWriter WRITER = MAPPER.writerFor(MeshEvent.class);
    private static final ObjectReader READER = MAPPER.readerFor(MeshEvent.class);
    private static final Set<String> TYPES = new TreeSet<>();

    static {
        for (Class<?> type : MeshEvent.class.getPermittedSubclasses()) {
            TYPES.add(type.getSimpleName());
        }
    }

    private EventCodec() {
    }

    static ObjectMapper mapper() {
        ObjectMapper mapper = new ObjectMapper()
                .registerModule(new Jdk8Module())
                .addMixIn(MeshEvent.class, TypeMixin.class)
                // Every field is written, nulls and empty optionals too: a reader can tell a
                // missing field (a broken line) from an empty one.
                .setSerializationInclusion(JsonInclude.Include.ALWAYS)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                // A newer MeshBench may add fields to an event; an older reader skips them.
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        mapper.registerSubtypes(Arrays.stream(MeshEvent.class.getPermittedSubclasses())
                .map(type -> new NamedType(type, type.getSimpleName())).toArray(NamedType[]::new));
        return mapper;
    }

    static String encode(MeshEvent event) {
        try {
            return WRITER.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + event.getClass().getSimpleName() + " as JSON: "
                    + e.getOriginalMessage(), e);
        }
    }

    /** The event on {@code line}; throws with a message that says what is wrong with it. */
    static MeshEvent decode(String line) throws JsonProcessingException {
        return READER.readValue(line);
    }

    /** The names of every event type, for error messages. */
    static Set<String> types() {
        return TYPES;
    }
}
