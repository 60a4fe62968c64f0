package io.meshbench.protocol;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import static io.meshbench.protocol.MessageCodecTest.SEED_BID_REQUEST;
import static io.meshbench.protocol.MessageCodecTest.SEED_BID_RESPONSE;
import static io.meshbench.protocol.MessageCodecTest.SEED_RESULT;
import static io.meshbench.protocol.MessageCodecTest.SEED_TASK;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The decoder's hand-written fast path and its Jackson tree path agree on every line: the same message, or
 * the same error word for word. The lines are the seed's four examples and, for each of their
 * fields, that field replaced by values of every kind, removed, doubled, and trailing garbage.
 */
class FlatFieldsTest {

    private static final List<String> VALUES = List.of("null", "true", "false", "0", "1", "-1", "85", "100", "101",
            "0.5", "1.5", "-0.0", "10.0", "1e2", "2147483648", "99999999999999999999", "\"x\"", "\"\"",
            "\"Device_B\"", "[]", "[1, 2]", "{}", "{\"a\": 1}", "NaN", "\"\\u00e9\"");

    private final MessageDecoder fast = new MessageDecoder();
    private final MessageDecoder tree = new MessageDecoder(false);

    @Test
    void bothPathsAgreeOnEveryVariant() {
        List<String> lines = new ArrayList<>();
        for (String seed : List.of(SEED_BID_REQUEST, SEED_BID_RESPONSE, SEED_TASK, SEED_RESULT,
                SEED_BID_RESPONSE.replace("}", ", \"task_id\": \"task_123\", \"mb\": 1}"),
                SEED_BID_RESPONSE.replace("}", ", \"available\": false}"))) {
            lines.add(seed);
            lines.add(seed + " ");
            lines.add(seed + " x");
            lines.add(seed + "{}");
            lines.add(seed.replace("}", ", \"extra\": {\"deep\": [1, {\"b\": null}]}}"));
            lines.add(seed.replace("}", ", \"extra\": {\"deep\": 1, \"deep\": 2}}"));
            lines.add(seed.replace("}", ", \"mb\": 1}"));
            lines.add(seed.replace("}", ", \"mb\": -3}"));
            lines.add(seed.replace("}", ", \"mb\": 1.0}"));
            lines.add(seed.replace("}", ", \"mb\": \"1\"}"));
            int json = seed.indexOf('{');
            for (String field : fields(seed.substring(json))) {
                String withField = "\"" + field + "\": ";
                int at = seed.indexOf(withField);
                int end = valueEnd(seed, at + withField.length());
                String before = seed.substring(0, at + withField.length());
                String after = seed.substring(end);
                for (String value : VALUES) {
                    lines.add(before + value + after);
                }
                lines.add(seed.replace("}", ", " + seed.substring(at, end) + "}"));
                String removed = seed.substring(0, at) + after.replaceFirst("^, ", "");
                lines.add(removed.replace(", }", "}"));
            }
        }
        int fastOnes = 0;
        for (String line : lines) {
            Object viaFast = outcome(fast, line);
            Object viaTree = outcome(tree, line);
            assertEquals(viaTree, viaFast, () -> "the two paths differ on: " + line);
            if (fastPath(line) != null) {
                fastOnes++;
            }
        }
        assertTrue(lines.size() > 400, "variants: " + lines.size());
        assertTrue(fastOnes >= 5, "the fast path took only " + fastOnes + " lines");
    }

    @Test
    void seedLinesTakeTheFastPath() throws Exception {
        for (String line : List.of(SEED_BID_REQUEST, SEED_BID_RESPONSE, SEED_TASK, SEED_RESULT)) {
            assertNotNull(fastPath(line), line);
            assertEquals(tree.decode(line), fast.decode(line));
        }
    }

    @Test
    void theFastPathTakesMostRandomValidLinesAndAgreesOnThem() {
        int taken = 0;
        int lines = 3000;
        for (int seed = 0; seed < lines; seed++) {
            String line = new FlatFieldsProperties.Lines(new java.util.Random(seed)).line();
            DecodedLine viaFast = fastPath(line);
            if (viaFast != null) {
                taken++;
                assertEquals(outcome(tree, line), viaFast, line);
            }
        }
        // half the generator's lines are clean; the others are mostly broken on purpose and go to the tree
        assertTrue(taken > lines * 2 / 5, "the fast path took only " + taken + " of " + lines + " lines");
    }

    /** What the fast path alone makes of {@code line}: its message, or {@code null} when it leaves it to the tree. */
    static DecodedLine fastPath(String line) {
        int first = line.indexOf('|');
        int second = first < 0 ? -1 : line.indexOf('|', first + 1);
        if (second < 0) {
            return null;
        }
        MessageType type = MessageType.parse(line.substring(0, first));
        return type == null ? null : FlatFields.read(type, line.substring(first + 1, second), line, second + 1);
    }

    static Object outcome(MessageDecoder decoder, String line) {
        try {
            return Objects.requireNonNull(decoder.decode(line));
        } catch (ProtocolException e) {
            return "error: " + e.getMessage();
        }
    }

    private static List<String> fields(String json) {
        List<String> names = new ArrayList<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"([a-z_]+)\": ").matcher(json);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /** End of a flat JSON value starting at {@code from}: a string, or up to the next ',' or '}'. */
    private static int valueEnd(String s, int from) {
        if (s.charAt(from) == '"') {
            int i = from + 1;
            while (s.charAt(i) != '"') {
                i += s.charAt(i) == '\\' ? 2 : 1;
            }
            return i + 1;
        }
        int i = from;
        while (s.charAt(i) != ',' && s.charAt(i) != '}') {
            i++;
        }
        return i;
    }
}
