package io.meshbench.protocol;

import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * The decoder's fast path: one pass over the JSON part of a line, by hand, straight into the
 * message's fields. The protocol's objects are flat (strings, numbers, booleans, nulls), so this
 * reads exactly that: strings with every JSON escape, numbers in every JSON form, and unknown fields
 * of those kinds, which it skips. It takes only a valid line it is sure of, the common case, and
 * answers {@code null} for anything else (a nested value, a key with an escape, a duplicate, a field
 * of the wrong kind or out of range, a number it cannot read exactly, bad JSON, trailing text), so
 * that {@link MessageDecoder}'s Jackson tree path decides every unusual line and words every error,
 * as before. That the two paths agree is a property test ({@code FlatFieldsProperties}).
 *
 * <p>Measured by the codec benchmark: Jackson's streaming parser, which this replaces, took about
 * two thirds of a decode (a parser, its buffers and symbol lookups per line).
 */
final class FlatFields {

    private static final int NONE = Integer.MIN_VALUE;
    /** Unknown fields remembered for the duplicate check; a line with more goes to the tree path. */
    private static final int MAX_UNKNOWN = 8;
    /** Jackson's default limits (StreamReadConstraints): a longer key or number is its error to word. */
    private static final int MAX_KEY = 50_000, MAX_NUMBER = 1000;

    // the fields the messages read, as bits of a set
    private static final int TASK_ID = 0, TASK_TYPE = 1, PROMPT = 2, DEVICE_ID = 3, PROMPT_TYPE = 4, STATUS = 5,
            OUTPUT = 6, DEADLINE = 7, BATTERY = 8, MB = 9, ATTEMPT = 10, CPU_LOAD = 11, RAM_LOAD = 12, HAS_NPU = 13,
            USE_NPU = 14, AVAILABLE = 15;

    private final String line;
    /** The line's characters: a loop over an array costs less than {@code charAt} on each. */
    private final char[] chars;
    private final int length;
    private int pos;
    /** What the last value read was. */
    private Kind kind;
    private String text;
    private long whole;
    private double number;

    private enum Kind { STRING, WHOLE, NUMBER, TRUE, FALSE, NULL }

    private FlatFields(String line, int start) {
        this.line = line;
        this.chars = line.toCharArray();
        this.length = chars.length;
        this.pos = start;
    }

    /** The message of a plain valid line, or {@code null}: then the tree path must decide. */
    static DecodedLine read(MessageType type, String sender, String line, int jsonStart) {
        return type == MessageType.BID_REQUEST || type == MessageType.BID_RESPONSE || type == MessageType.TASK
                || type == MessageType.RESULT ? new FlatFields(line, jsonStart).read(type, sender) : null;
        // protocol v1's liveness types are rare next to bids: the tree path reads them
    }

    private DecodedLine read(MessageType type, String sender) {
        String taskId = null, taskType = null, prompt = null, deviceId = null, promptType = null, status = null,
                output = null;
        int deadline = NONE, battery = NONE, mb = 0, attempt = 0;
        double cpu = Double.NaN, ram = Double.NaN;
        boolean hasNpu = false, useNpu = false, available = true;
        int seen = 0;
        int[] unknown = null;
        int unknownCount = 0;

        skipSpace();
        if (!take('{')) {
            return null;
        }
        skipSpace();
        if (!take('}')) {
            while (true) {
                if (!take('"')) {
                    return null;
                }
                int keyStart = pos;
                int keyEnd = plainKeyEnd();
                if (keyEnd < 0 || keyEnd - keyStart > MAX_KEY) {
                    return null;
                }
                pos = keyEnd + 1;
                int field = field(keyStart, keyEnd - keyStart);
                if (field >= 0) {
                    if ((seen & 1 << field) != 0) {
                        return null; // a duplicate: an error, which the tree path words
                    }
                    seen |= 1 << field;
                } else {
                    if (unknown == null) {
                        unknown = new int[2 * MAX_UNKNOWN];
                    }
                    for (int u = 0; u < unknownCount; u++) {
                        int s = unknown[2 * u], n = unknown[2 * u + 1];
                        if (n == keyEnd - keyStart && line.regionMatches(s, line, keyStart, n)) { // rare: unknown keys
                            return null;
                        }
                    }
                    if (unknownCount == MAX_UNKNOWN) {
                        return null;
                    }
                    unknown[2 * unknownCount] = keyStart;
                    unknown[2 * unknownCount + 1] = keyEnd - keyStart;
                    unknownCount++;
                }
                skipSpace();
                if (!take(':')) {
                    return null;
                }
                skipSpace();
                if (!value()) {
                    return null;
                }
                // Each known field must hold the kind of value its message reads, whatever the type:
                // anything else goes to the tree path, which decides whether it matters.
                switch (field) {
                    case TASK_ID -> {
                        if (kind == Kind.STRING) {
                            taskId = text;
                        } else if (kind != Kind.NULL) {
                            return null;
                        }
                    }
                    case TASK_TYPE, PROMPT, DEVICE_ID, PROMPT_TYPE, STATUS, OUTPUT -> {
                        if (kind != Kind.STRING) {
                            return null;
                        }
                        switch (field) {
                            case TASK_TYPE -> taskType = text;
                            case PROMPT -> prompt = text;
                            case DEVICE_ID -> deviceId = text.equals(sender) ? sender : text;
                            case PROMPT_TYPE -> promptType = text;
                            case STATUS -> status = text;
                            default -> output = text;
                        }
                    }
                    case DEADLINE, MB, ATTEMPT -> {
                        if (kind != Kind.WHOLE || whole < Integer.MIN_VALUE + 1 || whole > Integer.MAX_VALUE) {
                            return null;
                        }
                        switch (field) {
                            case DEADLINE -> deadline = (int) whole;
                            case MB -> mb = (int) whole;
                            default -> {
                                if (whole < 1) {
                                    return null;
                                }
                                attempt = (int) whole;
                            }
                        }
                    }
                    case BATTERY -> {
                        if (kind == Kind.WHOLE && whole >= 0 && whole <= 100) {
                            battery = (int) whole;
                        } else if (kind != Kind.NULL) {
                            return null;
                        }
                    }
                    case CPU_LOAD, RAM_LOAD -> {
                        double v;
                        if (kind == Kind.NULL) {
                            v = Double.NaN;
                        } else if (kind == Kind.WHOLE || kind == Kind.NUMBER) {
                            v = kind == Kind.WHOLE ? (double) whole : number;
                            if (!(v >= 0.0 && v <= 1.0)) {
                                return null;
                            }
                        } else {
                            return null;
                        }
                        if (field == CPU_LOAD) {
                            cpu = v;
                        } else {
                            ram = v;
                        }
                    }
                    case HAS_NPU, USE_NPU, AVAILABLE -> {
                        boolean v;
                        if (kind == Kind.TRUE || kind == Kind.FALSE) {
                            v = kind == Kind.TRUE;
                        } else if (kind == Kind.NULL) {
                            v = field == AVAILABLE; // null takes the default: no NPU, available
                        } else {
                            return null;
                        }
                        switch (field) {
                            case HAS_NPU -> hasNpu = v;
                            case USE_NPU -> useNpu = v;
                            default -> available = v;
                        }
                    }
                    default -> {
                        // an unknown field of a plain kind: ignored, as the protocol says
                    }
                }
                skipSpace();
                if (take(',')) {
                    skipSpace();
                    continue;
                }
                if (take('}')) {
                    break;
                }
                return null;
            }
        }
        skipSpace();
        if (pos != length) {
            return null; // trailing text: an error, which the tree path words
        }
        try {
            // the same defaults as the tree path, for a field that is absent
            Message message = switch (type) {
                case BID_REQUEST -> taskId == null ? null : new BidRequest(sender, taskId,
                        taskType != null ? taskType : BidRequest.SLM_INFERENCE, prompt != null ? prompt : "",
                        (seen & 1 << DEADLINE) != 0 ? deadline : BidRequest.DEFAULT_DEADLINE_SECONDS);
                case BID_RESPONSE -> (seen & 1 << CPU_LOAD) == 0 ? null : new BidResponse(sender, taskId,
                        deviceId != null ? deviceId : sender,
                        Double.isNaN(cpu) ? OptionalDouble.empty() : OptionalDouble.of(cpu),
                        Double.isNaN(ram) ? OptionalDouble.empty() : OptionalDouble.of(ram),
                        battery == NONE ? OptionalInt.empty() : OptionalInt.of(battery), hasNpu, available);
                case TASK -> taskId == null || prompt == null ? null : new TaskRequest(sender, taskId, prompt, useNpu,
                        promptType != null ? promptType : useNpu ? TaskRequest.NPU_PROMPT : TaskRequest.CPU_PROMPT,
                        attempt);
                case RESULT -> taskId == null || output == null ? null : new TaskResult(sender, taskId,
                        deviceId != null ? deviceId : sender, status != null ? status : TaskResult.COMPLETED, output,
                        attempt);
                case HEARTBEAT, HEARTBEAT_ACK, ACK, CANCEL -> null;
            };
            return message == null ? null : new DecodedLine(message, line, Math.max(0, mb));
        } catch (IllegalArgumentException e) {
            return null; // the tree path words the error
        }
    }

    /** The field that the key {@code line[start, start + n)} names, or -1 for one no message reads. */
    private int field(int start, int n) {
        return switch (n) {
            case 2 -> is(start, "mb") ? MB : -1;
            case 6 -> is(start, "prompt") ? PROMPT : is(start, "output") ? OUTPUT : is(start, "status") ? STATUS : -1;
            case 7 -> is(start, "task_id") ? TASK_ID : is(start, "has_npu") ? HAS_NPU : is(start, "battery") ? BATTERY
                    : is(start, "use_npu") ? USE_NPU : is(start, "attempt") ? ATTEMPT : -1;
            case 8 -> is(start, "cpu_load") ? CPU_LOAD : is(start, "ram_load") ? RAM_LOAD
                    : is(start, "deadline") ? DEADLINE : -1;
            case 9 -> is(start, "device_id") ? DEVICE_ID : is(start, "task_type") ? TASK_TYPE
                    : is(start, "available") ? AVAILABLE : -1;
            case 11 -> is(start, "prompt_type") ? PROMPT_TYPE : -1;
            default -> -1;
        };
    }

    private boolean is(int start, String name) {
        for (int i = 0; i < name.length(); i++) {
            if (chars[start + i] != name.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private void skipSpace() {
        while (pos < length) {
            char c = chars[pos];
            if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
                return;
            }
            pos++;
        }
    }

    private boolean take(char c) {
        if (pos < length && chars[pos] == c) {
            pos++;
            return true;
        }
        return false;
    }

    /** The end (its closing quote) of a key without escapes or control characters, or -1. */
    private int plainKeyEnd() {
        for (int i = pos; i < length; i++) {
            char c = chars[i];
            if (c == '"') {
                return i;
            }
            if (c == '\\' || c < 0x20) {
                return -1;
            }
        }
        return -1;
    }

    /** Reads a plain value (no object, no list) into {@link #kind} and its field; false when it cannot. */
    private boolean value() {
        if (pos >= length) {
            return false;
        }
        char c = chars[pos];
        return switch (c) {
            case '"' -> string();
            case 't' -> literal("true", Kind.TRUE);
            case 'f' -> literal("false", Kind.FALSE);
            case 'n' -> literal("null", Kind.NULL);
            default -> c == '-' || c >= '0' && c <= '9' ? number() : false;
        };
    }

    private boolean literal(String word, Kind k) {
        if (pos + word.length() > length || !is(pos, word)) {
            return false;
        }
        pos += word.length();
        kind = k;
        return endsValue();
    }

    /** Whether the value just read ends here: Jackson takes {@code truex} or {@code 1x} as one bad token. */
    private boolean endsValue() {
        if (pos >= length) {
            return true;
        }
        char c = chars[pos];
        return c == ',' || c == '}' || c == ']' || c == ' ' || c == '\n' || c == '\r' || c == '\t';
    }

    /** A string, its escapes resolved; false on a control character, a bad escape or no closing quote. */
    private boolean string() {
        int start = ++pos;
        for (int i = start; i < length; i++) {
            char c = chars[i];
            if (c == '"') {
                text = new String(chars, start, i - start);
                pos = i + 1;
                kind = Kind.STRING;
                return true;
            }
            if (c == '\\') {
                return escapedString(start, i);
            }
            if (c < 0x20) {
                return false;
            }
        }
        return false;
    }

    private boolean escapedString(int start, int firstEscape) {
        StringBuilder out = new StringBuilder(firstEscape - start + 16);
        out.append(chars, start, firstEscape - start);
        int i = firstEscape;
        while (i < length) {
            char c = chars[i];
            if (c == '"') {
                text = out.toString();
                pos = i + 1;
                kind = Kind.STRING;
                return true;
            }
            if (c < 0x20) {
                return false;
            }
            if (c != '\\') {
                out.append(c);
                i++;
                continue;
            }
            if (i + 1 >= length) {
                return false;
            }
            char e = chars[i + 1];
            switch (e) {
                case '"', '\\', '/' -> out.append(e);
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'u' -> {
                    if (i + 6 > length) {
                        return false;
                    }
                    int code = 0;
                    for (int k = i + 2; k < i + 6; k++) {
                        int d = Character.digit(chars[k], 16);
                        if (d < 0 || chars[k] > 'f') {
                            return false;
                        }
                        code = code << 4 | d;
                    }
                    out.append((char) code);
                    i += 4;
                }
                default -> {
                    return false;
                }
            }
            i += 2;
        }
        return false;
    }

    /**
     * A JSON number, by the JSON grammar exactly. A whole one (no fraction, no exponent) of up to 18
     * digits becomes {@link Kind#WHOLE}; any other becomes {@link Kind#NUMBER}, the double nearest to
     * it, as Jackson reads it. False for what is not a JSON number.
     */
    private boolean number() {
        int start = pos;
        int i = pos;
        boolean negative = chars[i] == '-';
        if (negative) {
            i++;
        }
        int intStart = i;
        long digits = 0;
        int significant = 0; // digits in the mantissa after leading zeros
        if (i < length && chars[i] == '0') {
            i++;
        } else {
            while (i < length && isDigit(chars[i])) {
                if (significant < 19) {
                    digits = digits * 10 + (chars[i] - '0');
                }
                significant++;
                i++;
            }
        }
        if (i == intStart) {
            return false; // "-" alone, or "-x"
        }
        int intDigits = significant;
        int fractionDigits = 0;
        boolean fraction = i < length && chars[i] == '.';
        if (fraction) {
            i++;
            int fracStart = i;
            while (i < length && isDigit(chars[i])) {
                int d = chars[i] - '0';
                if (significant > 0 || d != 0) {
                    if (significant < 19) {
                        digits = digits * 10 + d;
                    }
                    significant++;
                }
                fractionDigits++;
                i++;
            }
            if (i == fracStart) {
                return false; // "1."
            }
        }
        int exponent = 0;
        boolean hasExponent = i < length && (chars[i] == 'e' || chars[i] == 'E');
        if (hasExponent) {
            i++;
            boolean negativeExponent = false;
            if (i < length && (chars[i] == '+' || chars[i] == '-')) {
                negativeExponent = chars[i] == '-';
                i++;
            }
            int expStart = i;
            while (i < length && isDigit(chars[i])) {
                if (exponent < 10_000) {
                    exponent = exponent * 10 + (chars[i] - '0');
                }
                i++;
            }
            if (i == expStart) {
                return false; // "1e"
            }
            if (negativeExponent) {
                exponent = -exponent;
            }
        }
        pos = i;
        if (!endsValue() || i - start > MAX_NUMBER) {
            return false;
        }
        if (!fraction && !hasExponent) {
            if (intDigits > 18) {
                return false; // beyond a long's safe digits: the tree path reads it
            }
            whole = negative ? -digits : digits;
            kind = Kind.WHOLE;
            return true;
        }
        kind = Kind.NUMBER;
        // Exact when the digits fit a double's mantissa and the power of ten is exact too (Clinger's
        // fast path): one correctly rounded multiplication or division, as Double.parseDouble gives.
        int scale = exponent - fractionDigits;
        if (significant <= 15 && scale >= -22 && scale <= 22) {
            double m = digits;
            double v = scale >= 0 ? m * POWERS[scale] : m / POWERS[-scale];
            number = negative ? -v : v;
        } else {
            number = Double.parseDouble(new String(chars, start, i - start));
        }
        return true;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static final double[] POWERS = new double[23];

    static {
        double p = 1;
        for (int i = 0; i < POWERS.length; i++) {
            POWERS[i] = p;
            p *= 10;
        }
    }
}
