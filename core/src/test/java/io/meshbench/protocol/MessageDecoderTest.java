package io.meshbench.protocol;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.stream.Stream;

import static io.meshbench.protocol.MessageCodecTest.SEED_BID_REQUEST;
import static io.meshbench.protocol.MessageCodecTest.SEED_BID_RESPONSE;
import static io.meshbench.protocol.MessageCodecTest.SEED_RESULT;
import static io.meshbench.protocol.MessageCodecTest.SEED_TASK;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link MessageDecoder} on malformed lines: each is rejected with a {@link ProtocolException} whose message
 * names the problem. Valid lines and round trips are in {@link MessageCodecTest}.
 */
class MessageDecoderTest {

    private final MessageDecoder decoder = new MessageDecoder();

    private ProtocolException reject(String line) {
        return assertThrows(ProtocolException.class, () -> decoder.decode(line), () -> "accepted: " + line);
    }

    /** The line is rejected and the message contains every key word. */
    private void assertRejected(String line, String... keyWords) {
        ProtocolException e = reject(line);
        for (String word : keyWords) {
            assertTrue(e.getMessage().contains(word),
                    () -> "message \"" + e.getMessage() + "\" should contain \"" + word + "\" for line: " + line);
        }
    }


    @Test
    void emptyLine() {
        assertRejected("", "empty line");
    }

    @Test
    void noPipe() {
        assertRejected("hello world", "no '|'");
    }

    @Test
    void onePipe() {
        assertRejected("BID_REQUEST|Device_A", "only one '|'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"HELLO", "bid_request", "BID_REQUEST ", "", "TASKS"})
    void unknownType(String type) {
        assertRejected(type + "|Device_A|{}", "unknown message type", "\"" + type + "\"");
    }

    @Test
    void invalidJson() {
        assertRejected("TASK|Device_A|{\"task_id\": \"t\", ", "TASK", "Device_A", "invalid JSON");
        assertRejected("TASK|Device_A|{task_id: 1}", "invalid JSON");
        assertRejected("TASK|Device_A|{'task_id': 't'}", "invalid JSON");
    }

    @Test
    void jsonArrayInsteadOfObject() {
        assertRejected("TASK|Device_A|[1, 2]", "must be a JSON object");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "42", "\"text\"", "null", "true"})
    void jsonThatIsNotAnObject(String json) {
        assertRejected("RESULT|Device_B|" + json, "RESULT", "JSON object");
    }

    @ParameterizedTest
    @ValueSource(strings = {" x", " {}", "}", "{\"a\": 1}", " 1", " ,"})
    void trailingGarbageAfterTheObject(String garbage) {
        assertRejected(SEED_RESULT + garbage, "invalid JSON");
    }

    @Test
    void duplicateKeys() {
        ProtocolException e = reject("BID_RESPONSE|Device_B|{\"device_id\": \"Device_B\", \"cpu_load\": 0.1, "
                + "\"cpu_load\": 0.9, \"ram_load\": 0.6, \"battery\": 85, \"has_npu\": true}");
        assertTrue(e.getMessage().contains("invalid JSON"), e.getMessage());
        assertTrue(e.getMessage().toLowerCase().contains("duplicate"), e.getMessage());
        assertTrue(e.getMessage().contains("cpu_load"), e.getMessage());
    }

    static Stream<Arguments> requiredFields() {
        return Stream.of(
                // only what each receiver needs: the rest default (minimalLinesTakeTheOriginalDesignsDefaults)
                Arguments.of(SEED_BID_REQUEST, List.of("task_id")),
                Arguments.of(SEED_BID_RESPONSE, List.of("cpu_load")),
                Arguments.of(SEED_TASK, List.of("task_id", "prompt")),
                Arguments.of(SEED_RESULT, List.of("task_id", "output")));
    }

    @ParameterizedTest
    @MethodSource("requiredFields")
    void missingFieldOfEachType(String seedLine, List<String> fields) throws Exception {
        String type = seedLine.substring(0, seedLine.indexOf('|'));
        for (String field : fields) {
            String line = without(seedLine, field);
            assertFalse(line.contains("\"" + field + "\""), line);
            assertRejected(line, type, "missing field " + field);
        }
    }

    @Test
    void minimalLinesTakeTheOriginalDesignsDefaults() throws Exception {
        MessageDecoder decoder = new MessageDecoder();
        assertEquals(new BidRequest("Device_A", "t0", BidRequest.SLM_INFERENCE, "", 10),
                decoder.decode("BID_REQUEST|Device_A|{\"task_id\":\"t0\"}").message());
        assertEquals(new BidResponse("Device_B", null, "Device_B", java.util.OptionalDouble.of(0.25),
                        java.util.OptionalDouble.empty(), java.util.OptionalInt.empty(), false, true),
                decoder.decode("BID_RESPONSE|Device_B|{\"cpu_load\": 0.25}").message());
        assertEquals(new TaskRequest("Device_A", "t0", "hi", false, TaskRequest.CPU_PROMPT),
                decoder.decode("TASK|Device_A|{\"task_id\": \"t0\", \"prompt\": \"hi\"}").message());
        assertEquals(new TaskRequest("Device_A", "t0", "hi", true, TaskRequest.NPU_PROMPT),
                decoder.decode("TASK|Device_A|{\"task_id\": \"t0\", \"prompt\": \"hi\", \"use_npu\": true}").message());
        assertEquals(new TaskResult("Device_B", "t0", "Device_B", TaskResult.COMPLETED, "ok"),
                decoder.decode("RESULT|Device_B|{\"task_id\": \"t0\", \"output\": \"ok\"}").message());
    }

    /** The seed line with one field removed, re-encoded through Jackson to keep valid JSON. */
    private static String without(String line, String field) throws Exception {
        int second = line.indexOf('|', line.indexOf('|') + 1);
        var mapper = new ObjectMapper();
        var node = (ObjectNode) mapper.readTree(line.substring(second + 1));
        assertTrue(node.has(field), field);
        node.remove(field);
        return line.substring(0, second + 1) + mapper.writeValueAsString(node);
    }

    @Test
    void stringCpuLoad() {
        assertRejected(SEED_BID_RESPONSE.replace("0.45", "\"0.45\""), "cpu_load", "must be a number", "string");
    }

    @Test
    void stringHasNpu() {
        assertRejected(SEED_BID_RESPONSE.replace("true", "\"true\""), "has_npu", "must be true or false");
    }

    @Test
    void numericUseNpu() {
        assertRejected(SEED_TASK.replace("true", "1"), "use_npu", "must be true or false");
    }

    @Test
    void nonIntegerBattery() {
        assertRejected(SEED_BID_RESPONSE.replace("85", "85.5"), "battery", "percentage", "85.5");
    }

    @Test
    void stringBattery() {
        assertRejected(SEED_BID_RESPONSE.replace("85", "\"85\""), "battery", "percentage");
    }

    @Test
    void deadlineAsString() {
        assertRejected(SEED_BID_REQUEST.replace("10}", "\"10\"}"), "deadline", "whole number", "string");
    }

    @Test
    void fractionalDeadline() {
        assertRejected(SEED_BID_REQUEST.replace("10}", "2.5}"), "deadline", "whole number");
    }

    @Test
    void hugeDeadline() {
        assertRejected(SEED_BID_REQUEST.replace("10}", "99999999999}"), "deadline", "whole number");
    }

    @Test
    void negativeDeadline() {
        assertRejected(SEED_BID_REQUEST.replace("10}", "-1}"), "deadline", "zero or more");
    }

    @Test
    void nullDeadline() {
        assertRejected(SEED_BID_REQUEST.replace("10}", "null}"), "deadline", "whole number");
    }

    @Test
    void taskIdAsNumber() {
        assertRejected(SEED_TASK.replace("\"task_123\"", "123"), "task_id", "must be a string");
    }

    @Test
    void nullPrompt() {
        assertRejected(SEED_TASK.replace("\"[NPU Optimized] Describe...\"", "null"), "prompt", "must be a string");
    }

    @Test
    void objectOutput() {
        assertRejected(SEED_RESULT.replace("\"...\"", "{\"text\": 1}"), "output", "must be a string", "object");
    }

    @Test
    void negativeCpuLoad() {
        assertRejected(SEED_BID_RESPONSE.replace("0.45", "-0.1"), "cpu_load", "from 0 to 1", "-0.1");
    }

    @Test
    void cpuLoadAboveOne() {
        assertRejected(SEED_BID_RESPONSE.replace("0.45", "1.5"), "cpu_load", "from 0 to 1", "1.5");
    }

    @Test
    void ramLoadAboveOne() {
        // A percentage where a share belongs.
        assertRejected(SEED_BID_RESPONSE.replace("0.60", "60"), "ram_load", "from 0 to 1");
    }

    @Test
    void batteryAbove100() {
        assertRejected(SEED_BID_RESPONSE.replace("85", "150"), "battery", "percentage", "150");
    }

    @Test
    void batteryNegative() {
        assertRejected(SEED_BID_RESPONSE.replace("85", "-1"), "battery", "percentage", "-1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"NaN", "Infinity", "-Infinity"})
    void nonNumericNumbersAreInvalidJson(String token) {
        assertRejected(SEED_BID_RESPONSE.replace("0.45", token), "invalid JSON");
    }

    @Test
    void deviceIdDiffersFromSender() {
        assertRejected(SEED_BID_RESPONSE.replace("\"device_id\": \"Device_B\"", "\"device_id\": \"Device_C\""),
                "BID_RESPONSE", "device_id", "Device_C", "differs from the sender", "Device_B");
        assertRejected(SEED_RESULT.replace("RESULT|Device_B|", "RESULT|Device_X|"),
                "RESULT", "differs from the sender", "Device_X");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Device A", " Device_A", "Device_A ", "Dev\tA", ""})
    void badSender(String sender) {
        ProtocolException e = reject("TASK|" + sender + "|{\"task_id\": \"t\", \"prompt\": \"p\", "
                + "\"use_npu\": true, \"prompt_type\": \"npu_prompt\"}");
        assertTrue(e.getMessage().contains("sender"), e.getMessage());
    }

    @Test
    void senderWithSpacesNamesTheProblem() {
        assertRejected(SEED_TASK.replace("|Device_A|", "|Device A|"), "sender", "spaces", "Device A");
    }

    @Test
    void senderTooLong() {
        String id = "D".repeat(129);
        assertRejected(SEED_TASK.replace("|Device_A|", "|" + id + "|"), "sender", "128");
    }

    @Test
    void emptyTaskId() {
        assertRejected(SEED_TASK.replace("\"task_123\"", "\"\""), "task_id", "non-empty");
        assertRejected(SEED_BID_REQUEST.replace("\"task_123\"", "\"\""), "task_id", "non-empty");
        assertRejected(SEED_RESULT.replace("\"task_123\"", "\"\""), "task_id", "non-empty");
        assertRejected(SEED_BID_RESPONSE.replace("}", ", \"task_id\": \"\"}"), "task_id", "non-empty");
    }

    @Test
    void emptyStatusAndPromptType() {
        assertRejected(SEED_RESULT.replace("\"completed\"", "\"\""), "status", "non-empty");
        assertRejected(SEED_TASK.replace("\"npu_prompt\"", "\"\""), "prompt_type", "non-empty");
    }

    @Test
    void exceptionCarriesAnExcerptOfTheLine() {
        ProtocolException e = reject("HELLO|x|{}\t");
        assertEquals("HELLO|x|{}\\t", e.excerpt());
    }

    @Test
    void hugeInputGivesAShortExcerptAndMessage() {
        String huge = "X".repeat(1_000_000);
        ProtocolException e = reject(huge + "|Device_A|{}");
        String excerpt = e.excerpt();
        assertTrue(excerpt.length() < 200, "excerpt has " + excerpt.length() + " chars");
        assertTrue(excerpt.startsWith("X".repeat(120)), excerpt);
        assertFalse(excerpt.startsWith("X".repeat(121)), excerpt);
        assertTrue(excerpt.contains("…"), excerpt);
        assertTrue(excerpt.contains(String.valueOf(huge.length() + 12)), excerpt);
        assertTrue(e.getMessage().length() < 400, "message has " + e.getMessage().length() + " chars");
        assertTrue(e.getMessage().contains("unknown message type"), e.getMessage());
    }

    @Test
    void hugeJsonValueGivesAShortMessage() {
        ProtocolException e = reject(SEED_TASK.replace("\"task_123\"", "[\"" + "y".repeat(500_000) + "\"]"));
        assertTrue(e.getMessage().length() < 400, "message has " + e.getMessage().length() + " chars");
        assertTrue(e.getMessage().contains("task_id"), e.getMessage());
        assertTrue(e.excerpt().length() < 200);
    }
}
