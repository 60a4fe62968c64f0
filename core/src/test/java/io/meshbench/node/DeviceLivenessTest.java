package io.meshbench.node;

import io.meshbench.event.MeshEvent.TaskCancelled;
import io.meshbench.plugins.simulated.SimulatedMetricsProvider;
import io.meshbench.plugins.simulated.SimulatedSlmProvider;
import io.meshbench.protocol.Heartbeat;
import io.meshbench.protocol.HeartbeatAck;
import io.meshbench.protocol.TaskAck;
import io.meshbench.protocol.TaskCancel;
import io.meshbench.protocol.TaskRequest;
import io.meshbench.protocol.TaskResult;
import io.meshbench.testing.ManualContext;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** A device's side of protocol v1: heartbeats, ACK with the expected duration, CANCEL, numbered results. */
class DeviceLivenessTest {

    static final String A = "Device_A";
    static final String B = "Device_B";

    private ManualContext ctx;

    private DeviceNode start(long seed) {
        ctx = new ManualContext(B, seed, List.of(A));
        DeviceConfig config = new DeviceConfig(B, true, SimulatedMetricsProvider.NAME, Map.of("cpu_load", 0.3),
                SimulatedSlmProvider.NAME, DeviceNodeTest.SLM, 4, Duration.ofMillis(500), Duration.ofSeconds(60));
        return ctx.start(new DeviceNode(config, new SimulatedMetricsProvider(), new SimulatedSlmProvider()));
    }

    private static TaskRequest task(int attempt) {
        return new TaskRequest(A, "task_1", DeviceNodeTest.PROMPT, true, TaskRequest.NPU_PROMPT, attempt);
    }

    @Test
    void aHeartbeatIsAnsweredWithItsSeqTheIncarnationAndTheRunningCount() {
        start(1);
        ctx.deliver(new Heartbeat(A, 41));
        ctx.deliver(task(1));
        ctx.deliver(new Heartbeat(A, 42));
        List<HeartbeatAck> acks = ctx.sentTo(A, HeartbeatAck.class);
        assertEquals(41, acks.get(0).seq());
        assertEquals(0, acks.get(0).running());
        assertEquals(1, acks.get(1).running());
        assertEquals(acks.get(0).incarnation(), acks.get(1).incarnation());
    }

    @Test
    void aRestartedDeviceHasANewIncarnation() {
        start(1).stop();
        ManualContext first = ctx;
        start(2);
        first.deliver(new Heartbeat(A, 1));
        ctx.deliver(new Heartbeat(A, 1));
        assertNotEquals(first.sentTo(A, HeartbeatAck.class).getFirst().incarnation(),
                ctx.sentTo(A, HeartbeatAck.class).getFirst().incarnation());
    }

    @Test
    void aNumberedTaskIsAcknowledgedWithTheModelledDurationAndAnsweredWithItsAttempt() {
        start(1);
        ctx.deliver(task(3));
        TaskAck ack = ctx.singleSent(TaskAck.class);
        assertEquals(3, ack.attempt());
        assertEquals(DeviceNodeTest.NPU_RUN.toMillis(), ack.expectedMs());
        ctx.advance(DeviceNodeTest.NPU_RUN);
        TaskResult result = ctx.singleSent(TaskResult.class);
        assertEquals(3, result.attempt());
        assertEquals(TaskResult.COMPLETED, result.status());
    }

    @Test
    void aSeedTaskGetsNoAck() {
        start(1);
        ctx.deliver(task(0));
        ctx.advance(DeviceNodeTest.NPU_RUN);
        assertEquals(0, ctx.sent(TaskAck.class).size());
        assertEquals(0, ctx.singleSent(TaskResult.class).attempt());
    }

    @Test
    void cancelStopsTheRunAndNoResultIsSent() {
        start(1);
        ctx.deliver(task(1));
        ctx.advance(Duration.ofMillis(500));
        ctx.deliver(new TaskCancel(A, "task_1", 1, "peer_down"));
        ctx.advance(Duration.ofSeconds(5));
        assertEquals(0, ctx.sent(TaskResult.class).size());
        TaskCancelled cancelled = ctx.single(TaskCancelled.class);
        assertEquals("peer_down", cancelled.reason());
        ctx.deliver(new Heartbeat(A, 1));
        assertEquals(0, ctx.singleSent(HeartbeatAck.class).running());
    }

    @Test
    void aCancelOfAnOlderAttemptLeavesTheNewerOneRunning() {
        start(1);
        ctx.deliver(task(1));
        ctx.deliver(task(2)); // the orchestrator came back to this device with a new attempt
        ctx.deliver(new TaskCancel(A, "task_1", 1, "deadline"));
        ctx.advance(DeviceNodeTest.NPU_RUN);
        assertEquals(2, ctx.singleSent(TaskResult.class).attempt());
        assertEquals(2, ctx.sent(TaskAck.class).size());
    }
}
