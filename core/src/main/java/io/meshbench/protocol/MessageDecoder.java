package io.meshbench.protocol;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * Turns one wire line ({@code TYPE|SENDER|{json}}, without its newline) into a {@link Message}, or
 * says precisely why it cannot. Unknown JSON fields are ignored so that extensions stay readable. A
 * field is required only where the receiver needs it (a task id, a bid's CPU load, a task's prompt, a
 * result's output); the others default to the original design's values. Mistyped and out-of-range
 * fields are errors. Thread-safe.
 *
 * <p>A plain valid line takes {@link FlatFields}' fast path (one hand-written pass, no parser object,
 * no tree); every other line is read by Jackson as a tree, which decides it and words the error.
 */
public final class MessageDecoder {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            // loads are decimals on every bid: Jackson's fast double parser reads them several times faster
            .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private final boolean fastPath;

    public MessageDecoder() {
        this(true);
    }

    /** @param fastPath whether plain lines take the streaming fast path (off only to test that both paths agree) */
    MessageDecoder(boolean fastPath) {
        this.fastPath = fastPath;
    }

    public DecodedLine decode(String line) throws ProtocolException {
        if (line.isEmpty()) {
            throw new ProtocolException("empty line: expected TYPE|SENDER|{json}", line);
        }
        int first = line.indexOf('|');
        if (first < 0) {
            throw new ProtocolException("no '|' in line: expected TYPE|SENDER|{json}", line);
        }
        int second = line.indexOf('|', first + 1);
        if (second < 0) {
            throw new ProtocolException("only one '|' in line: expected TYPE|SENDER|{json}", line);
        }
        MessageType type = MessageType.parse(line, first);
        if (type == null) {
            throw new ProtocolException("unknown message type \"" + ProtocolException.excerpt(line.substring(0, first))
                    + "\": expected BID_REQUEST, BID_RESPONSE, TASK or RESULT (or, from a MeshBench peer, HEARTBEAT, "
                    + "HEARTBEAT_ACK, ACK or CANCEL)", line);
        }
        String sender = line.substring(first + 1, second);
        DecodedLine plain = !fastPath ? null : FlatFields.read(type, sender, line, second + 1);
        if (plain != null) {
            return plain;
        }
        // Anything but a plain valid line: the tree below decides it and words the error.
        JsonNode json;
        try {
            json = JSON.readTree(line.substring(second + 1));
        } catch (JsonProcessingException e) {
            throw new ProtocolException(type + " from \"" + ProtocolException.excerpt(sender)
                    + "\": invalid JSON: " + e.getOriginalMessage(), line);
        }
        if (json == null || !json.isObject()) {
            throw new ProtocolException(type + " from \"" + ProtocolException.excerpt(sender)
                    + "\": the part after the second '|' must be a JSON object", line);
        }
        try {
            // Each field is required only where its receiver needs it; the rest take the original
            // design's values, so that the shortest lines its scripts can send are understood.
            Message message = switch (type) {
                case BID_REQUEST -> new BidRequest(sender, text(json, "task_id"),
                        optionalText(json, "task_type", BidRequest.SLM_INFERENCE), optionalText(json, "prompt", ""),
                        optionalWholeNumber(json, "deadline", BidRequest.DEFAULT_DEADLINE_SECONDS));
                case BID_RESPONSE -> new BidResponse(sender,
                        json.path("task_id").isNull() ? null : optionalText(json, "task_id", null),
                        optionalText(json, "device_id", sender), share(json, "cpu_load"), optionalShare(json, "ram_load"),
                        optionalPercent(json, "battery"), optionalBool(json, "has_npu", false),
                        optionalBool(json, "available", true));
                case TASK -> {
                    boolean npu = optionalBool(json, "use_npu", false);
                    yield new TaskRequest(sender, text(json, "task_id"), text(json, "prompt"), npu,
                            optionalText(json, "prompt_type", npu ? TaskRequest.NPU_PROMPT : TaskRequest.CPU_PROMPT),
                            optionalAttempt(json));
                }
                case RESULT -> new TaskResult(sender, text(json, "task_id"), optionalText(json, "device_id", sender),
                        optionalText(json, "status", TaskResult.COMPLETED), text(json, "output"), optionalAttempt(json));
                case HEARTBEAT -> new Heartbeat(sender, longNumber(json, "seq"));
                case HEARTBEAT_ACK -> new HeartbeatAck(sender, longNumber(json, "seq"), text(json, "incarnation"),
                        wholeNumber(json, "running"));
                case ACK -> new TaskAck(sender, text(json, "task_id"), wholeNumber(json, "attempt"),
                        longNumber(json, "expected_ms"));
                case CANCEL -> new TaskCancel(sender, text(json, "task_id"), wholeNumber(json, "attempt"),
                        text(json, "reason"));
            };
            JsonNode ext = json.get(MessageEncoder.EXTENSION_FIELD);
            int level = ext != null && ext.canConvertToInt() && ext.isIntegralNumber() ? Math.max(0, ext.intValue()) : 0;
            return new DecodedLine(message, line, level);
        } catch (IllegalArgumentException e) {
            throw new ProtocolException(type + " from \"" + ProtocolException.excerpt(sender) + "\": "
                    + e.getMessage(), line);
        }
    }

    private static JsonNode field(JsonNode json, String name) {
        JsonNode value = json.get(name);
        if (value == null) {
            throw new IllegalArgumentException("missing field " + name);
        }
        return value;
    }

    private static String text(JsonNode json, String name) {
        JsonNode value = field(json, name);
        if (!value.isTextual()) {
            throw new IllegalArgumentException("field " + name + " must be a string, got " + kind(value));
        }
        return value.textValue();
    }

    /** An absent field takes {@code fallback}; a present one must be a string (null included: it is mistyped). */
    private static String optionalText(JsonNode json, String name, String fallback) {
        return json.has(name) ? text(json, name) : fallback;
    }

    private static int optionalWholeNumber(JsonNode json, String name, int fallback) {
        return json.has(name) ? wholeNumber(json, name) : fallback;
    }

    /** An absent share is one the device cannot tell, as JSON null is. */
    private static OptionalDouble optionalShare(JsonNode json, String name) {
        return json.has(name) ? share(json, name) : OptionalDouble.empty();
    }

    private static OptionalInt optionalPercent(JsonNode json, String name) {
        return json.has(name) ? percent(json, name) : OptionalInt.empty();
    }

    private static boolean bool(JsonNode json, String name) {
        JsonNode value = field(json, name);
        if (!value.isBoolean()) {
            throw new IllegalArgumentException("field " + name + " must be true or false, got " + kind(value));
        }
        return value.booleanValue();
    }

    private static boolean optionalBool(JsonNode json, String name, boolean fallback) {
        JsonNode value = json.get(name);
        return value == null || value.isNull() ? fallback : bool(json, name);
    }

    private static int wholeNumber(JsonNode json, String name) {
        JsonNode value = field(json, name);
        if (!value.isNumber() || !isWhole(value) || !value.canConvertToInt()) {
            throw new IllegalArgumentException("field " + name + " must be a whole number, got " + kind(value));
        }
        return value.intValue();
    }

    /** {@code "attempt"}, 0 when absent or null (a seed peer's line). */
    private static int optionalAttempt(JsonNode json) {
        JsonNode value = json.get("attempt");
        if (value == null || value.isNull()) {
            return 0;
        }
        int attempt = wholeNumber(json, "attempt");
        if (attempt < 1) {
            throw new IllegalArgumentException("field attempt must be 1 or more, got " + attempt);
        }
        return attempt;
    }

    private static long longNumber(JsonNode json, String name) {
        JsonNode value = field(json, name);
        if (!value.isNumber() || !isWhole(value) || !value.canConvertToLong()) {
            throw new IllegalArgumentException("field " + name + " must be a whole number, got " + kind(value));
        }
        return value.longValue();
    }

    /** A share from 0 to 1; JSON null means the device cannot tell. */
    private static OptionalDouble share(JsonNode json, String name) {
        JsonNode value = field(json, name);
        if (value.isNull()) {
            return OptionalDouble.empty();
        }
        if (!value.isNumber()) {
            throw new IllegalArgumentException("field " + name + " must be a number from 0 to 1, got " + kind(value));
        }
        double v = value.doubleValue();
        if (!(v >= 0.0 && v <= 1.0)) {
            throw new IllegalArgumentException("field " + name + " must be a number from 0 to 1, got " + value);
        }
        return OptionalDouble.of(v);
    }

    /** A whole percentage from 0 to 100; JSON null means the device cannot tell. */
    private static OptionalInt percent(JsonNode json, String name) {
        JsonNode value = field(json, name);
        if (value.isNull()) {
            return OptionalInt.empty();
        }
        if (!value.isNumber() || !isWhole(value)) {
            throw new IllegalArgumentException("field " + name + " must be a whole percentage from 0 to 100, got "
                    + kind(value));
        }
        double v = value.doubleValue();
        if (v < 0 || v > 100) {
            throw new IllegalArgumentException("field " + name + " must be a whole percentage from 0 to 100, got "
                    + value);
        }
        return OptionalInt.of((int) v);
    }

    private static boolean isWhole(JsonNode value) {
        if (value.isIntegralNumber()) {
            return true;
        }
        double v = value.doubleValue();
        return Double.isFinite(v) && v == Math.rint(v);
    }

    private static String kind(JsonNode value) {
        String shown = ProtocolException.excerpt(value.toString());
        if (value.isTextual()) {
            return "the string " + shown;
        }
        if (value.isObject() || value.isArray()) {
            return (value.isObject() ? "an object " : "a list ") + shown;
        }
        return shown;
    }
}
