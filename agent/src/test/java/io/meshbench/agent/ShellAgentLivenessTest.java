package io.meshbench.agent;

import io.meshbench.agent.testing.ShellAgent;
import io.meshbench.protocol.HeartbeatAck;
import io.meshbench.protocol.MessageDecoder;
import io.meshbench.protocol.TaskAck;
import io.meshbench.protocol.TaskResult;
import io.meshbench.testing.RawPeer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The shell agent's side of protocol v1, under mksh and toybox: heartbeats, ACK, CANCEL, numbered results. */
class ShellAgentLivenessTest {

    @TempDir
    Path temp;

    private final MessageDecoder decoder = new MessageDecoder();
    private ShellAgent.OnWire wire;
    private RawPeer orchestrator;
    private ShellAgent agent;

    @BeforeAll
    static void needsMkshAndToybox() throws Exception {
        AgentTools.require();
    }

    @AfterEach
    void stop() throws Exception {
        if (wire != null) {
            wire.close();
        }
    }

    private void start(ShellAgent.Spec spec) throws Exception {
        wire = ShellAgent.OnWire.start(temp.resolve(spec.id() + System.nanoTime()), spec);
        orchestrator = wire.orchestrator();
        agent = wire.agent();
    }

    private static String task(String id, int attempt) {
        return "TASK|Device_A|{\"task_id\": \"" + id + "\", \"prompt\": \"hello\", \"use_npu\": false, "
                + "\"prompt_type\": \"cpu_prompt\", \"attempt\": " + attempt + ", \"mb\": 1}\n";
    }

    @Test
    void aHeartbeatIsAnsweredWithItsSeqAndTheListenersIncarnation() throws Exception {
        start(ShellAgent.Spec.of("Device_B", false, 1000));
        RawPeer.sendOnce(agent.port(), "HEARTBEAT|Device_A|{\"seq\": 7, \"mb\": 1}\n");
        HeartbeatAck first = assertInstanceOf(HeartbeatAck.class, decoder.decode(orchestrator.nextLine()).message());
        assertEquals(7, first.seq());
        assertEquals(0, first.running());
        RawPeer.sendOnce(agent.port(), "HEARTBEAT|Device_A|{\"seq\": 8, \"mb\": 1}\n");
        HeartbeatAck second = assertInstanceOf(HeartbeatAck.class, decoder.decode(orchestrator.nextLine()).message());
        assertEquals(first.incarnation(), second.incarnation());

        agent.ctl("stop");
        agent.ctl("start", String.valueOf(agent.port()));
        Thread.sleep(1100); // the incarnation holds the start second
        agent.ctl("stop");
        agent.ctl("start", String.valueOf(agent.port()));
        RawPeer.sendOnce(agent.port(), "HEARTBEAT|Device_A|{\"seq\": 9, \"mb\": 1}\n");
        HeartbeatAck restarted = assertInstanceOf(HeartbeatAck.class, decoder.decode(orchestrator.nextLine()).message());
        assertNotEquals(first.incarnation(), restarted.incarnation(), "a restarted agent has a new incarnation");
    }

    @Test
    void aNumberedTaskIsAcknowledgedAndItsResultCarriesTheAttempt() throws Exception {
        start(ShellAgent.Spec.of("Device_B", false, 1000).withConfig("\"expected_ms\": 1500"));
        RawPeer.sendOnce(agent.port(), task("task_5", 3));
        TaskAck ack = assertInstanceOf(TaskAck.class, decoder.decode(orchestrator.nextLine()).message());
        assertEquals(3, ack.attempt());
        assertEquals(1500, ack.expectedMs());
        TaskResult result = assertInstanceOf(TaskResult.class, decoder.decode(orchestrator.nextLine()).message());
        assertEquals(3, result.attempt());
        assertEquals(TaskResult.COMPLETED, result.status());
    }

    @Test
    void cancelStopsTheRunAndNoResultComes() throws Exception {
        start(ShellAgent.Spec.of("Device_B", false, 1000).withSlm("sleep 3; echo done"));
        RawPeer.sendOnce(agent.port(), task("task_6", 1));
        assertInstanceOf(TaskAck.class, decoder.decode(orchestrator.nextLine()).message());
        Thread.sleep(300); // the run is under way
        RawPeer.sendOnce(agent.port(), "CANCEL|Device_A|{\"task_id\": \"task_6\", \"attempt\": 1, "
                + "\"reason\": \"peer_down\", \"mb\": 1}\n");
        assertNull(orchestrator.pollLine(Duration.ofSeconds(5)), "no RESULT after a CANCEL");
        assertTrue(agent.awaitLog(lines -> lines.stream().anyMatch(l -> l.contains("TASK_DONE\ttask_6\tcancelled")))
                .size() > 0);
    }

    @Test
    void heartbeatsAreIgnoredWithLivenessOff() throws Exception {
        start(ShellAgent.Spec.of("Device_B", false, 1000).withConfig("\"liveness\": false"));
        RawPeer.sendOnce(agent.port(), "HEARTBEAT|Device_A|{\"seq\": 7, \"mb\": 1}\n");
        RawPeer.sendOnce(agent.port(), "BID_REQUEST|Device_A|{\"task_id\": \"t\", \"task_type\": \"slm_inference\", "
                + "\"prompt\": \"p\", \"deadline\": 10}\n");
        assertTrue(orchestrator.nextLine().startsWith("BID_RESPONSE|"), "the heartbeat got no answer");
    }
}
