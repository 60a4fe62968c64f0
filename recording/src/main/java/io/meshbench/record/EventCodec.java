package io.meshbench.record;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.jsontype.NamedType;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import io.meshbench.event.MeshEvent;

import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;

/**
 * One {@link MeshEvent} as one line of JSON: {@code {"event": "BidAccepted", "time": ..., ...}}, the
 * event's kind being the record's simple name and the other fields its components, by name. Every
 * record permitted by the sealed interface is known without a list to keep up to date, so a new
 * event type is recorded as soon as it exists.
 *
 * <p>Format version 1 named the kind {@code "type"}, which a message event also has as a field (the
 * protocol message's type), so its message lines held two {@code "type"} keys; version 2 writes
 * {@code "event"}, and version 1 files are still read.
 */
final class EventCodec {

    /** Version 2: the record's simple name in an {@code event} field, first. */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "event")
    private interface EventMixin {
    }

    /** Version 1: the same in a {@code type} field. */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
    private interface TypeMixin {
    }

    private static final ObjectWriter WRITER = mapper(EventMixin.class).writerFor(MeshEvent.class);
    private static final ObjectReader READER = mapper(EventMixin.class).readerFor(MeshEvent.class);
    private static final ObjectReader READER_V1 = mapper(TypeMixin.class).readerFor(MeshEvent.class);
    private static final Set<String> TYPES = new TreeSet<>();

    static {
        for (Class<?> type : MeshEvent.class.getPermittedSubclasses()) {
            TYPES.add(type.getSimpleName());
        }
    }

    private EventCodec() {
    }

    /** The mapper for the header and plain values. */
    static ObjectMapper mapper() {
        return mapper(EventMixin.class);
    }

    private static ObjectMapper mapper(Class<?> typeMixin) {
        ObjectMapper mapper = JsonMapper.builder()
                // Recordings of phones' logs from before the status was typed hold "completed"/"failed".
                .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
                .build()
                .registerModule(new Jdk8Module())
                .addMixIn(MeshEvent.class, typeMixin)
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

    /** The event on {@code line} of a recording of format {@code version}; throws saying what is wrong with it. */
    static MeshEvent decode(String line, int version) throws JsonProcessingException {
        return (version == 1 ? READER_V1 : READER).readValue(line);
    }

    /** The field that names an event's kind in format {@code version}. */
    static String kindField(int version) {
        return version == 1 ? "type" : "event";
    }

    /** The names of every event type, for error messages. */
    static Set<String> types() {
        return TYPES;
    }
}
