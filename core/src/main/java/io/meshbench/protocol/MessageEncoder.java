package io.meshbench.protocol;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.core.util.MinimalPrettyPrinter;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * Turns a {@link Message} into its wire line, without the terminating newline. The JSON is laid
 * out as the original orchestrator's {@code json.dumps} writes it ({@code {"a": 1, "b": 2}},
 * non-ASCII escaped), in the field order of the original design, so that the shell agents' text
 * tools see exactly the lines they expect. MeshBench appends one field, {@code "mb": 1}, that tells
 * a MeshBench peer it may keep the connection open; other peers ignore it.
 */
public final class MessageEncoder {

    /**
     * The extension field and its level; see {@link DecodedLine#extensionLevel()}. Level 1 also
     * announces protocol v1's liveness types (HEARTBEAT, HEARTBEAT_ACK, ACK, CANCEL, attempts):
     * they are sent only to peers whose lines carried it.
     */
    public static final String EXTENSION_FIELD = "mb";
    public static final int EXTENSION_LEVEL = 1;

    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(JsonWriteFeature.ESCAPE_NON_ASCII)
            .disable(JsonWriteFeature.WRITE_HEX_UPPER_CASE) // lower-case hex escapes, as json.dumps writes them
            .build();

    private final boolean extensions;

    /** An encoder that marks its lines with the MeshBench extension field. */
    public MessageEncoder() {
        this(true);
    }

    /** @param extensions whether to append {@code "mb": 1}; {@code false} writes the seed's lines exactly */
    public MessageEncoder(boolean extensions) {
        this.extensions = extensions;
    }

    public String encode(Message message) {
        StringWriter out = new StringWriter(128);
        out.append(message.type().name()).append('|').append(message.sender()).append('|');
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.setPrettyPrinter(new SeedLayout());
            g.writeStartObject();
            switch (message) {
                case BidRequest m -> {
                    g.writeStringField("task_id", m.taskId());
                    g.writeStringField("task_type", m.taskType());
                    g.writeStringField("prompt", m.prompt());
                    g.writeNumberField("deadline", m.deadline());
                }
                case BidResponse m -> {
                    g.writeStringField("device_id", m.deviceId());
                    writeShare(g, "cpu_load", m.cpuLoad());
                    writeShare(g, "ram_load", m.ramLoad());
                    writePercent(g, "battery", m.battery());
                    g.writeBooleanField("has_npu", m.hasNpu());
                    if (m.taskId() != null) {
                        g.writeStringField("task_id", m.taskId());
                    }
                    if (!m.available()) {
                        g.writeBooleanField("available", false);
                    }
                }
                case TaskRequest m -> {
                    g.writeStringField("task_id", m.taskId());
                    g.writeStringField("prompt", m.prompt());
                    g.writeBooleanField("use_npu", m.useNpu());
                    g.writeStringField("prompt_type", m.promptType());
                    if (m.attempt() > 0) {
                        g.writeNumberField("attempt", m.attempt());
                    }
                }
                case TaskResult m -> {
                    g.writeStringField("task_id", m.taskId());
                    g.writeStringField("device_id", m.deviceId());
                    g.writeStringField("status", m.status());
                    g.writeStringField("output", m.output());
                    if (m.attempt() > 0) {
                        g.writeNumberField("attempt", m.attempt());
                    }
                }
                case Heartbeat m -> g.writeNumberField("seq", m.seq());
                case HeartbeatAck m -> {
                    g.writeNumberField("seq", m.seq());
                    g.writeStringField("incarnation", m.incarnation());
                    g.writeNumberField("running", m.running());
                }
                case TaskAck m -> {
                    g.writeStringField("task_id", m.taskId());
                    g.writeNumberField("attempt", m.attempt());
                    g.writeNumberField("expected_ms", m.expectedMs());
                }
                case TaskCancel m -> {
                    g.writeStringField("task_id", m.taskId());
                    g.writeNumberField("attempt", m.attempt());
                    g.writeStringField("reason", m.reason());
                }
            }
            if (extensions) {
                g.writeNumberField(EXTENSION_FIELD, EXTENSION_LEVEL);
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("writing to a string cannot fail", e);
        }
        return out.toString();
    }

    private static void writeShare(JsonGenerator g, String field, OptionalDouble value) throws IOException {
        if (value.isPresent()) {
            g.writeNumberField(field, value.getAsDouble());
        } else {
            g.writeNullField(field);
        }
    }

    private static void writePercent(JsonGenerator g, String field, OptionalInt value) throws IOException {
        if (value.isPresent()) {
            g.writeNumberField(field, value.getAsInt());
        } else {
            g.writeNullField(field);
        }
    }

    /** {@code {"a": 1, "b": 2}}: a space after each colon and each comma, nothing else. */
    private static final class SeedLayout extends MinimalPrettyPrinter {
        @Override
        public void writeObjectFieldValueSeparator(JsonGenerator g) throws IOException {
            g.writeRaw(": ");
        }

        @Override
        public void writeObjectEntrySeparator(JsonGenerator g) throws IOException {
            g.writeRaw(", ");
        }
    }
}
