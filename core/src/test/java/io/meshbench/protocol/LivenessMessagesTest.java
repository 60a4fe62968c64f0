package io.meshbench.protocol;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Protocol v1's liveness lines: their exact wire form, and every way one can be wrong. */
class LivenessMessagesTest {

    private final MessageDecoder decoder = new MessageDecoder();
    private final MessageDecoder treeOnly = new MessageDecoder(false);
    private final MessageEncoder encoder = new MessageEncoder();

    @Test
    void wireFormOfEachNewType() {
        assertEquals("HEARTBEAT|Device_A|{\"seq\": 5, \"mb\": 1}", encoder.encode(new Heartbeat("Device_A", 5)));
        assertEquals("HEARTBEAT_ACK|Device_B|{\"seq\": 5, \"incarnation\": \"abc\", \"running\": 1, \"mb\": 1}",
                encoder.encode(new HeartbeatAck("Device_B", 5, "abc", 1)));
        assertEquals("ACK|Device_B|{\"task_id\": \"t\", \"attempt\": 2, \"expected_ms\": 1500, \"mb\": 1}",
                encoder.encode(new TaskAck("Device_B", "t", 2, 1500)));
        assertEquals("CANCEL|Device_A|{\"task_id\": \"t\", \"attempt\": 1, \"reason\": \"peer_down\", \"mb\": 1}",
                encoder.encode(new TaskCancel("Device_A", "t", 1, "peer_down")));
    }

    @Test
    void attemptIsLastBeforeTheMarkerAndAbsentFromSeedTasks() {
        assertEquals("TASK|Device_A|{\"task_id\": \"t\", \"prompt\": \"p\", \"use_npu\": false, \"prompt_type\": "
                + "\"cpu_prompt\", \"attempt\": 2, \"mb\": 1}",
                encoder.encode(new TaskRequest("Device_A", "t", "p", false, TaskRequest.CPU_PROMPT, 2)));
        assertTrue(!encoder.encode(new TaskRequest("Device_A", "t", "p", false, TaskRequest.CPU_PROMPT))
                .contains("attempt"));
    }

    @Test
    void bothDecoderPathsReadTheAttempt() throws ProtocolException {
        String task = "TASK|Device_A|{\"task_id\": \"t\", \"prompt\": \"p\", \"use_npu\": true, \"prompt_type\": "
                + "\"npu_prompt\", \"attempt\": 3, \"mb\": 1}";
        String result = "RESULT|Device_B|{\"task_id\": \"t\", \"device_id\": \"Device_B\", \"status\": \"completed\", "
                + "\"output\": \"o\", \"attempt\": 3}";
        for (MessageDecoder d : new MessageDecoder[] {decoder, treeOnly}) {
            assertEquals(3, ((TaskRequest) d.decode(task).message()).attempt());
            assertEquals(3, ((TaskResult) d.decode(result).message()).attempt());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "1.5", "\"2\"", "true", "4294967296"})
    void aBadAttemptIsRejectedByBothPaths(String attempt) {
        String line = "TASK|Device_A|{\"task_id\": \"t\", \"prompt\": \"p\", \"use_npu\": true, \"prompt_type\": "
                + "\"npu_prompt\", \"attempt\": " + attempt + "}";
        ProtocolException fast = assertThrows(ProtocolException.class, () -> decoder.decode(line));
        ProtocolException tree = assertThrows(ProtocolException.class, () -> treeOnly.decode(line));
        assertEquals(tree.getMessage(), fast.getMessage());
        assertTrue(fast.getMessage().contains("attempt"), fast.getMessage());
    }

    @Test
    void aNullAttemptIsTheSeedFormat() throws ProtocolException {
        String line = "TASK|Device_A|{\"task_id\": \"t\", \"prompt\": \"p\", \"use_npu\": true, \"prompt_type\": "
                + "\"npu_prompt\", \"attempt\": null}";
        assertEquals(0, ((TaskRequest) decoder.decode(line).message()).attempt());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "HEARTBEAT|Device_A|{}",
            "HEARTBEAT|Device_A|{\"seq\": -1}",
            "HEARTBEAT|Device_A|{\"seq\": \"1\"}",
            "HEARTBEAT_ACK|Device_B|{\"seq\": 1, \"running\": 0}",
            "HEARTBEAT_ACK|Device_B|{\"seq\": 1, \"incarnation\": \"\", \"running\": 0}",
            "HEARTBEAT_ACK|Device_B|{\"seq\": 1, \"incarnation\": \"x\", \"running\": -2}",
            "ACK|Device_B|{\"task_id\": \"t\", \"attempt\": 0, \"expected_ms\": 5}",
            "ACK|Device_B|{\"task_id\": \"t\", \"attempt\": 1, \"expected_ms\": -5}",
            "ACK|Device_B|{\"attempt\": 1, \"expected_ms\": 5}",
            "CANCEL|Device_A|{\"task_id\": \"t\", \"attempt\": 1}",
            "CANCEL|Bad Sender|{\"task_id\": \"t\", \"attempt\": 1, \"reason\": \"x\"}"})
    void malformedLivenessLinesAreRejectedWithTheirType(String line) {
        ProtocolException e = assertThrows(ProtocolException.class, () -> decoder.decode(line));
        assertTrue(e.getMessage().startsWith(line.substring(0, line.indexOf('|'))), e.getMessage());
    }

    @Test
    void anIncarnationLongerThan64CharactersIsRejected() {
        String line = "HEARTBEAT_ACK|Device_B|{\"seq\": 1, \"incarnation\": \"" + "x".repeat(65) + "\", \"running\": 0}";
        assertThrows(ProtocolException.class, () -> decoder.decode(line));
    }

    @Test
    void heartbeatsBelongToNoTask() throws ProtocolException {
        Message m = decoder.decode("HEARTBEAT|Device_A|{\"seq\": 9, \"mb\": 1}").message();
        assertInstanceOf(Heartbeat.class, m);
        assertEquals(null, m.taskId());
        assertEquals(MessageType.HEARTBEAT, m.type());
    }
}
