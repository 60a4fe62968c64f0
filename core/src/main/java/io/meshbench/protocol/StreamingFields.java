package io.meshbench.protocol;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * The decoder's fast path: reads the JSON part of a line with Jackson's streaming parser, straight
 * into the message's fields, without building a tree. It takes only the plain, valid case (every
 * field present with the expected kind of value, in range, no duplicates, nothing after the object)
 * and answers {@code null} for anything else, so that {@link MessageDecoder}'s tree path decides
 * every unusual line and words every error, exactly as before. Measured by the codec benchmark:
 * a tree per line costs about half of the decoder's time.
 */
final class StreamingFields {

    private static final int NONE = Integer.MIN_VALUE;

    private StreamingFields() {
    }

    /** The message of a plain valid line, or {@code null}: then the tree path must decide. */
    static DecodedLine read(ObjectMapper json, MessageType type, String sender, String line, int jsonStart) {
        String taskId = null, taskType = null, prompt = null, deviceId = null, promptType = null, status = null,
                output = null;
        int deadline = NONE, battery = NONE, mb = 0, attempt = 0;
        double cpu = Double.NaN, ram = Double.NaN;
        boolean cpuNull = false, ramNull = false, batteryNull = false;
        Boolean hasNpu = null, useNpu = null, available = null;
        try (JsonParser p = json.createParser(line.substring(jsonStart))) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken v = p.nextToken();
                switch (name) {
                    case "task_id" -> { if (v == JsonToken.VALUE_STRING) taskId = p.getText(); else if (v != JsonToken.VALUE_NULL) return null; }
                    case "task_type" -> taskType = string(p, v);
                    case "prompt" -> prompt = string(p, v);
                    case "device_id" -> deviceId = string(p, v);
                    case "prompt_type" -> promptType = string(p, v);
                    case "status" -> status = string(p, v);
                    case "output" -> output = string(p, v);
                    case "deadline" -> deadline = wholeInt(p, v);
                    case "battery" -> { batteryNull = v == JsonToken.VALUE_NULL; battery = batteryNull ? NONE : wholeInt(p, v); }
                    case "mb" -> mb = wholeInt(p, v);
                    case "attempt" -> { if (v != JsonToken.VALUE_NULL) { attempt = wholeInt(p, v); if (attempt < 1) attempt = NONE; } }
                    case "cpu_load" -> { cpuNull = v == JsonToken.VALUE_NULL; cpu = cpuNull ? Double.NaN : number(p, v); }
                    case "ram_load" -> { ramNull = v == JsonToken.VALUE_NULL; ram = ramNull ? Double.NaN : number(p, v); }
                    case "has_npu" -> hasNpu = bool(v);
                    case "use_npu" -> useNpu = bool(v);
                    case "available" -> available = v == JsonToken.VALUE_NULL ? null : bool(v);
                    default -> p.skipChildren();
                }
                if (mb == NONE || attempt == NONE) {
                    return null;
                }
            }
            if (t != JsonToken.END_OBJECT || p.nextToken() != null) {
                return null;
            }
        } catch (IOException | RuntimeException e) {
            return null; // bad JSON, a duplicate, a value of another kind: the tree path words the error
        }
        try {
            Message message = switch (type) {
                case BID_REQUEST -> taskId == null || taskType == null || prompt == null || deadline == NONE ? null
                        : new BidRequest(sender, taskId, taskType, prompt, deadline);
                case BID_RESPONSE -> deviceId == null || hasNpu == null
                        || !(cpuNull || cpu >= 0 && cpu <= 1) || !(ramNull || ram >= 0 && ram <= 1)
                        || !(batteryNull || battery >= 0 && battery <= 100) ? null
                        : new BidResponse(sender, taskId, deviceId,
                        cpuNull ? OptionalDouble.empty() : OptionalDouble.of(cpu),
                        ramNull ? OptionalDouble.empty() : OptionalDouble.of(ram),
                        batteryNull ? OptionalInt.empty() : OptionalInt.of(battery), hasNpu,
                        available == null || available);
                case TASK -> taskId == null || prompt == null || useNpu == null || promptType == null || attempt < 0
                        ? null : new TaskRequest(sender, taskId, prompt, useNpu, promptType, attempt);
                case RESULT -> taskId == null || deviceId == null || status == null || output == null || attempt < 0
                        ? null : new TaskResult(sender, taskId, deviceId, status, output, attempt);
                // protocol v1's liveness types are rare next to bids: the tree path reads them
                case HEARTBEAT, HEARTBEAT_ACK, ACK, CANCEL -> null;
            };
            return message == null ? null : new DecodedLine(message, line, Math.max(0, mb));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** A string, or a marker that sends the line to the tree path. */
    private static String string(JsonParser p, JsonToken v) throws IOException {
        if (v != JsonToken.VALUE_STRING) {
            throw new IllegalStateException("not a string");
        }
        return p.getText();
    }

    private static int wholeInt(JsonParser p, JsonToken v) throws IOException {
        return v == JsonToken.VALUE_NUMBER_INT && p.getNumberType() == JsonParser.NumberType.INT ? p.getIntValue() : NONE;
    }

    private static double number(JsonParser p, JsonToken v) throws IOException {
        if (v == JsonToken.VALUE_NUMBER_FLOAT) {
            return p.getDoubleValue();
        }
        return v == JsonToken.VALUE_NUMBER_INT && p.getNumberType() == JsonParser.NumberType.INT ? p.getIntValue() : Double.NaN;
    }

    private static Boolean bool(JsonToken v) {
        if (v == JsonToken.VALUE_TRUE || v == JsonToken.VALUE_FALSE) {
            return v == JsonToken.VALUE_TRUE;
        }
        throw new IllegalStateException("not a boolean");
    }
}
