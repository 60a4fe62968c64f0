package io.meshbench.protocol;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link MessageEncoder} and {@link MessageDecoder} together: round trips, the seed's lines, extensions, and
 * {@link ProtocolException#excerpt(String)}. Malformed lines are in {@link MessageDecoderTest}.
 */
class MessageCodecTest {

    // The example lines of the protocol spec, verbatim.
    static final String SEED_BID_REQUEST =
            "BID_REQUEST|Device_A|{\"task_id\": \"task_123\", \"task_type\": \"slm_inference\", \"prompt\": \"...\", \"deadline\": 10}";
    static final String SEED_BID_RESPONSE =
            "BID_RESPONSE|Device_B|{\"device_id\": \"Device_B\", \"cpu_load\": 0.45, \"ram_load\": 0.60, \"battery\": 85, \"has_npu\": true}";
    static final String SEED_TASK =
            "TASK|Device_A|{\"task_id\": \"task_123\", \"prompt\": \"[NPU Optimized] Describe...\", \"use_npu\": true, \"prompt_type\": \"npu_prompt\"}";
    static final String SEED_RESULT =
            "RESULT|Device_B|{\"task_id\": \"task_123\", \"device_id\": \"Device_B\", \"status\": \"completed\", \"output\": \"...\"}";

    private final MessageDecoder decoder = new MessageDecoder();
    private final MessageEncoder encoder = new MessageEncoder();
    private final MessageEncoder seedEncoder = new MessageEncoder(false);

    private static BidResponse bid(String id, String taskId, Double cpu, Double ram, Integer battery, boolean npu) {
        return new BidResponse(id, taskId, id,
                cpu == null ? OptionalDouble.empty() : OptionalDouble.of(cpu),
                ram == null ? OptionalDouble.empty() : OptionalDouble.of(ram),
                battery == null ? OptionalInt.empty() : OptionalInt.of(battery), npu);
    }

    // --- round trips ---

    static Stream<Message> messages() {
        return Stream.of(
                new BidRequest("Device_A", "task_123", BidRequest.SLM_INFERENCE, "Describe a sunset", 10),
                new BidRequest("Device_A", "t", "custom_type", "", 0),
                bid("Device_B", null, 0.45, 0.6, 85, true),
                bid("Device_B", "task_123", 0.452, 0.6, 85, false),
                bid("Device_C", "task_9", null, null, null, false),
                bid("Device_C", null, null, 0.25, null, true),
                bid("Device_D", null, 0.0, 1.0, 0, true),
                bid("Device_D", "x", 1.0, 0.0, 100, false),
                bid("Device_E", null, 1.0E-4, 0.123456789012345, 1, false),
                new TaskRequest("Device_A", "task_123", "[NPU Optimized] Describe...", true, TaskRequest.NPU_PROMPT),
                new TaskRequest("Device_A", "task_7", "[CPU Mode] x", false, TaskRequest.CPU_PROMPT),
                new TaskResult("Device_B", "task_123", "Device_B", TaskResult.COMPLETED, "Generated text..."),
                new TaskResult("Device_B", "task_123", "Device_B", TaskResult.FAILED, ""),
                new TaskResult("Device_B", "task_123", "Device_B", "queued", "line1\nline2\ttab \"quoted\" \\ back"),
                // protocol v1: attempts, heartbeats, ACK, CANCEL
                new TaskRequest("Device_A", "task_7", "x", false, TaskRequest.CPU_PROMPT, 3),
                new TaskResult("Device_B", "task_7", "Device_B", TaskResult.COMPLETED, "y", 2),
                new Heartbeat("Device_A", 0),
                new Heartbeat("Device_A", Long.MAX_VALUE),
                new HeartbeatAck("Device_B", 17, "18a3f-7c", 2),
                new TaskAck("Device_B", "task_7", 1, 0),
                new TaskAck("Device_B", "task_7", 4, 1_500),
                new TaskCancel("Device_A", "task_7", 2, "peer_down"));
    }

    @ParameterizedTest
    @MethodSource("messages")
    void roundTripWithExtensions(Message message) throws ProtocolException {
        String line = encoder.encode(message);
        assertFalse(line.contains("\n"), "a wire line must not contain a newline: " + line);
        DecodedLine decoded = decoder.decode(line);
        assertEquals(message, decoded.message());
        assertEquals(line, decoded.line());
        assertEquals(1, decoded.extensionLevel());
        assertTrue(decoded.fromMeshBenchPeer());
        assertTrue(line.endsWith(", \"mb\": 1}"), line);
        assertTrue(line.startsWith(message.type().name() + "|" + message.sender() + "|{"), line);
    }

    @ParameterizedTest
    @MethodSource("messages")
    void roundTripWithoutExtensions(Message message) throws ProtocolException {
        String line = seedEncoder.encode(message);
        DecodedLine decoded = decoder.decode(line);
        assertEquals(message, decoded.message());
        assertEquals(0, decoded.extensionLevel());
        assertFalse(decoded.fromMeshBenchPeer());
        assertFalse(line.contains("\"mb\""), line);
    }

    @Test
    void aFullDevicesBidCarriesAvailableFalseAndAnAbsentFieldMeansAvailable() throws Exception {
        BidResponse full = new BidResponse("Device_B", "task_1", "Device_B", OptionalDouble.of(0.9),
                OptionalDouble.of(0.5), OptionalInt.of(80), true, false);
        String line = encoder.encode(full);
        assertTrue(line.contains(", \"available\": false"), line);
        assertEquals(full, decoder.decode(line).message());
        BidResponse seed = (BidResponse) decoder.decode("BID_RESPONSE|Device_B|{\"device_id\": \"Device_B\", "
                + "\"cpu_load\": 0.45, \"ram_load\": 0.60, \"battery\": 85, \"has_npu\": true}").message();
        assertTrue(seed.available());
        assertFalse(encoder.encode(seed).contains("available"), "only a full device says so");
    }

    @Test
    void typeOfEachMessage() {
        assertEquals(MessageType.BID_REQUEST, new BidRequest("A", "t", "k", "p", 1).type());
        assertEquals(MessageType.BID_RESPONSE, bid("A", null, 0.1, 0.1, 1, false).type());
        assertEquals(MessageType.TASK, new TaskRequest("A", "t", "p", true, "npu_prompt").type());
        assertEquals(MessageType.RESULT, new TaskResult("A", "t", "A", "completed", "o").type());
    }

    @Test
    void bidResponseWithTaskIdPutsItLast() {
        assertEquals("BID_RESPONSE|Device_B|{\"device_id\": \"Device_B\", \"cpu_load\": 0.45, \"ram_load\": 0.6, "
                        + "\"battery\": 85, \"has_npu\": true, \"task_id\": \"task_123\", \"mb\": 1}",
                encoder.encode(bid("Device_B", "task_123", 0.45, 0.6, 85, true)));
    }

    @Test
    void unknownMetricsAreWrittenAsNull() throws ProtocolException {
        String line = seedEncoder.encode(bid("Device_C", null, null, null, null, false));
        assertEquals("BID_RESPONSE|Device_C|{\"device_id\": \"Device_C\", \"cpu_load\": null, \"ram_load\": null, "
                + "\"battery\": null, \"has_npu\": false}", line);
        BidResponse back = (BidResponse) decoder.decode(line).message();
        assertTrue(back.cpuLoad().isEmpty());
        assertTrue(back.ramLoad().isEmpty());
        assertTrue(back.battery().isEmpty());
        assertNull(back.taskId());
    }

    @Test
    void nonAsciiPromptIsEscapedAndDecodedBack() throws ProtocolException {
        String prompt = "Décris un coucher de soleil 🌅 über dem Meer — 日本語";
        BidRequest request = new BidRequest("Device_A", "task_1", "slm_inference", prompt, 10);
        String line = encoder.encode(request);
        for (char c : line.toCharArray()) {
            assertTrue(c >= 0x20 && c < 0x7f, () -> "non-printable-ASCII char U+" + Integer.toHexString(c)
                    + " in " + line);
        }
        // As Python's json.dumps writes it: lower-case hex, surrogate pairs for astral characters.
        assertTrue(line.contains("D\\u00e9cris"), line);
        assertTrue(line.contains("\\ud83c\\udf05"), line);
        assertTrue(line.contains("\\u65e5\\u672c\\u8a9e"), line);
        assertEquals(prompt, ((BidRequest) decoder.decode(line).message()).prompt());
    }

    @Test
    void encoderEscapesControlCharacters() throws ProtocolException {
        String output = "a\nb\r\tc\u0001";
        String line = seedEncoder.encode(new TaskResult("B", "t", "B", "completed", output));
        assertEquals("RESULT|B|{\"task_id\": \"t\", \"device_id\": \"B\", \"status\": \"completed\", "
                + "\"output\": \"a\\nb\\r\\tc\\u0001\"}", line);
        assertEquals(output, ((TaskResult) decoder.decode(line).message()).output());
    }

    @Test
    void pipeInsidePromptSurvives() throws ProtocolException {
        String prompt = "a|b||c |TASK|Device_X|{}";
        TaskRequest task = new TaskRequest("Device_A", "task_1", prompt, false, "cpu_prompt");
        String line = encoder.encode(task);
        DecodedLine decoded = decoder.decode(line);
        assertEquals(task, decoded.message());
        assertEquals("Device_A", decoded.message().sender());
        assertEquals(prompt, ((TaskRequest) decoded.message()).prompt());
    }

    // --- the seed's lines ---

    @Test
    void seedBidRequestDecodes() throws ProtocolException {
        DecodedLine d = decoder.decode(SEED_BID_REQUEST);
        assertEquals(new BidRequest("Device_A", "task_123", "slm_inference", "...", 10), d.message());
        assertEquals(0, d.extensionLevel());
        assertEquals(SEED_BID_REQUEST, d.line());
    }

    @Test
    void seedBidResponseDecodes() throws ProtocolException {
        DecodedLine d = decoder.decode(SEED_BID_RESPONSE);
        BidResponse bid = assertInstanceOf(BidResponse.class, d.message());
        assertAll(
                () -> assertEquals("Device_B", bid.sender()),
                () -> assertEquals("Device_B", bid.deviceId()),
                () -> assertNull(bid.taskId()),
                () -> assertEquals(0.45, bid.cpuLoad().getAsDouble()),
                () -> assertEquals(0.60, bid.ramLoad().getAsDouble()),
                () -> assertEquals(85, bid.battery().getAsInt()),
                () -> assertTrue(bid.hasNpu()),
                () -> assertEquals(0, d.extensionLevel()));
        assertEquals(bid("Device_B", null, 0.45, 0.6, 85, true), bid);
    }

    @Test
    void seedTaskDecodes() throws ProtocolException {
        assertEquals(new TaskRequest("Device_A", "task_123", "[NPU Optimized] Describe...", true, "npu_prompt"),
                decoder.decode(SEED_TASK).message());
    }

    @Test
    void seedResultDecodes() throws ProtocolException {
        TaskResult r = (TaskResult) decoder.decode(SEED_RESULT).message();
        assertEquals(new TaskResult("Device_B", "task_123", "Device_B", "completed", "..."), r);
        assertTrue(r.completed());
    }

    @Test
    void seedEncoderWritesTheSeedLinesByteForByte() throws ProtocolException {
        for (String line : List.of(SEED_BID_REQUEST, SEED_TASK, SEED_RESULT)) {
            assertEquals(line, seedEncoder.encode(decoder.decode(line).message()));
        }
    }

    @Test
    void seedEncoderWritesTheSeedBidAsJsonDumpsWouldWriteIt() throws ProtocolException {
        // The spec writes "ram_load": 0.60 by hand; json.dumps(0.60) writes 0.6, and so does the encoder.
        String expected = SEED_BID_RESPONSE.replace("0.60", "0.6");
        assertEquals(expected, seedEncoder.encode(decoder.decode(SEED_BID_RESPONSE).message()));
        assertEquals(expected, seedEncoder.encode(bid("Device_B", null, 0.45, 0.60, 85, true)));
    }

    @Test
    void seedLinesWithCarriageReturnOrSurroundingWhitespaceInJson() throws ProtocolException {
        // Whitespace inside the JSON part is JSON's business; a tolerant reader accepts it.
        String line = "RESULT|Device_B|  {\"task_id\":\"task_123\",\"device_id\":\"Device_B\","
                + "\"status\":\"completed\",\"output\":\"x\"}  ";
        assertEquals(new TaskResult("Device_B", "task_123", "Device_B", "completed", "x"),
                decoder.decode(line).message());
    }

    // --- extensions ---

    @Test
    void unknownFieldsAreIgnored() throws ProtocolException {
        String line = "BID_RESPONSE|Device_B|{\"device_id\": \"Device_B\", \"gpu\": {\"cores\": [1, 2]}, "
                + "\"cpu_load\": 0.45, \"ram_load\": 0.6, \"battery\": 85, \"has_npu\": true, \"note\": null, "
                + "\"temperature\": 41.5}";
        assertEquals(bid("Device_B", null, 0.45, 0.6, 85, true), decoder.decode(line).message());
    }

    @Test
    void mbOneGivesLevelOne() throws ProtocolException {
        DecodedLine d = decoder.decode(SEED_TASK.replace("}", ", \"mb\": 1}"));
        assertEquals(1, d.extensionLevel());
        assertTrue(d.fromMeshBenchPeer());
    }

    @Test
    void absentMbGivesLevelZero() throws ProtocolException {
        DecodedLine d = decoder.decode(SEED_TASK);
        assertEquals(0, d.extensionLevel());
        assertFalse(d.fromMeshBenchPeer());
    }

    @Test
    void higherLevelIsKept() throws ProtocolException {
        assertEquals(3, decoder.decode(SEED_RESULT.replace("}", ", \"mb\": 3}")).extensionLevel());
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"1\"", "true", "null", "1.5", "-2", "{}"})
    void oddMbValuesGiveLevelZero(String value) throws ProtocolException {
        DecodedLine d = decoder.decode(SEED_RESULT.replace("}", ", \"mb\": " + value + "}"));
        assertEquals(0, d.extensionLevel());
        assertInstanceOf(TaskResult.class, d.message());
    }

    @Test
    void bidResponseWithNullTaskIdIsSeedFormat() throws ProtocolException {
        String line = SEED_BID_RESPONSE.replace("}", ", \"task_id\": null}");
        assertNull(decoder.decode(line).message().taskId());
    }

    @Test
    void bidResponseWithTaskId() throws ProtocolException {
        String line = SEED_BID_RESPONSE.replace("}", ", \"task_id\": \"task_123\"}");
        assertEquals("task_123", decoder.decode(line).message().taskId());
    }

    @Test
    void wholeValuedDecimalsAreAcceptedAsWholeNumbers() throws ProtocolException {
        assertEquals(10, ((BidRequest) decoder.decode(SEED_BID_REQUEST.replace("10}", "10.0}")).message())
                .deadline());
        assertEquals(85, ((BidResponse) decoder.decode(SEED_BID_RESPONSE.replace("85", "85.0")).message())
                .battery().getAsInt());
    }

    @Test
    void integerLoadsAreShares() throws ProtocolException {
        BidResponse b = (BidResponse) decoder.decode(SEED_BID_RESPONSE.replace("0.45", "0").replace("0.60", "1"))
                .message();
        assertEquals(0.0, b.cpuLoad().getAsDouble());
        assertEquals(1.0, b.ramLoad().getAsDouble());
    }

    // --- ProtocolException.excerpt ---

    @Test
    void excerptKeepsShortInput() {
        assertEquals("BID_REQUEST|A|{}", ProtocolException.excerpt("BID_REQUEST|A|{}"));
    }

    @Test
    void excerptOfNullIsEmpty() {
        assertEquals("", ProtocolException.excerpt(null));
    }

    @Test
    void excerptOfExactly120CharsIsNotMarked() {
        String s = "a".repeat(120);
        assertEquals(s, ProtocolException.excerpt(s));
    }

    @Test
    void excerptIsCutAt120AndMarked() {
        String s = "b".repeat(121);
        assertEquals("b".repeat(120) + "… (121 chars)", ProtocolException.excerpt(s));
    }

    @Test
    void excerptEscapesControlCharacters() {
        assertEquals("a\\nb\\rc\\td\\x00e\\x1b", ProtocolException.excerpt("a\nb\rc\td\u0000e\u001b"));
    }

    @Test
    void excerptOfTenMegabytesIsShort() {
        String excerpt = ProtocolException.excerpt("z".repeat(10_000_000));
        assertEquals("z".repeat(120) + "… (10000000 chars)", excerpt);
    }
}
