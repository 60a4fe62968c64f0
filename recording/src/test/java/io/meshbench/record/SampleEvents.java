package io.meshbench.record;

import io.meshbench.event.MeshEvent;
import io.meshbench.event.MeshEvent.Timing;
import io.meshbench.plugin.api.Bid;
import io.meshbench.plugin.api.Selection;

import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/** One event of every type, with awkward values: empty optionals, nulls, quotes, non-ASCII text. */
final class SampleEvents {

    private SampleEvents() {
    }

    static final Bid NPU = new Bid("Device_B", OptionalDouble.of(0.452), OptionalDouble.of(0.6), OptionalInt.of(85), true);
    static final Bid UNKNOWN = new Bid("Device_C", OptionalDouble.empty(), OptionalDouble.empty(), OptionalInt.empty(),
            false);

    static List<MeshEvent> all() {
        long t = 1_700_000_000_123_456_789L;
        return List.of(
                new MeshEvent.NodeStarted(t, "Device_A", "orchestrator", "127.0.0.1:9999"),
                new MeshEvent.NodeStopped(t + 1, "Device_C"),
                new MeshEvent.MessageSent(t + 2, "Device_A", "Device_B", "BID_REQUEST", "task_1_0badf00d",
                        "BID_REQUEST|Device_A|{\"task_id\": \"task_1_0badf00d\", \"prompt\": \"ünïcødé \\\"q\\\" 🌅\"}"),
                new MeshEvent.MessageReceived(t + 3, "Device_B", "Device_A", "BID_REQUEST", null, "line|with|pipes\t"),
                new MeshEvent.InputRejected(t + 4, "Device_B", "127.0.0.1:5555", "bad JSON", "{\"x\": "),
                new MeshEvent.DeliveryFailed(t + 5, "Device_A", "Device_C", "TASK", "task_1_0badf00d", "refused"),
                new MeshEvent.AuctionOpened(t + 6, "Device_A", "task_1_0badf00d", "Describe a sunset",
                        List.of("Device_B", "Device_C"), 10_000_000_000L),
                new MeshEvent.BidAccepted(t + 7, "Device_A", "task_1_0badf00d", NPU),
                new MeshEvent.BidAccepted(t + 8, "Device_A", "task_1_0badf00d", UNKNOWN),
                new MeshEvent.BidIgnored(t + 9, "Device_A", null, "Device_Z", "not in the peer list"),
                new MeshEvent.AuctionClosed(t + 10, "Device_A", "task_1_0badf00d", "npu-first", "NPU-First Strategy",
                        List.of(NPU, UNKNOWN), new Selection(List.of(NPU, UNKNOWN), "NPU Priority", "only NPU"),
                        io.meshbench.event.ClosedBy.DEADLINE, List.of("Device_D")),
                new MeshEvent.TaskAssigned(t + 11, "Device_A", "task_1_0badf00d", "Device_B", true, "npu_prompt",
                        "[NPU Optimized] Describe a sunset"),
                new MeshEvent.TaskStarted(t + 12, "Device_B", "task_1_0badf00d", "Device_A", true),
                new MeshEvent.TaskExecuted(t + 13, "Device_B", "task_1_0badf00d", io.meshbench.plugin.api.SlmResult.Status.COMPLETED, null, 5, 24, 812_500_000L),
                new MeshEvent.ResultIgnored(t + 14, "Device_A", "task_9", "Device_C", "unknown task"),
                new MeshEvent.TaskCompleted(t + 15, "Device_A", "task_1_0badf00d", "Device_B", "completed",
                        "line one\nline two", new Timing(3_000_000, 1_000, 815_000_000, 818_001_000)),
                new MeshEvent.TaskFailed(t + 16, "Device_A", "task_2_00000000", "no bids", Timing.NONE),
                new MeshEvent.MetricSampled(t + 17, "Device_C", 0.321, -1, 92, 0),
                new MeshEvent.MetricSampled(t + 18, "Device_C", Double.NaN, 1e-9, -1, 3),
                new MeshEvent.NodeError(t + 19, "Device_B", "metric source failed"),
                // liveness and task lifecycle
                new MeshEvent.PeerStateChanged(t + 20, "Device_A", "Device_B", io.meshbench.event.PeerState.DOWN,
                        io.meshbench.event.PeerState.SUSPECT, "no answer for 1600 ms (phi 8.3)", 1_200_000L, 1),
                new MeshEvent.AttemptStarted(t + 21, "Device_A", "task_1_0badf00d", 1, "Device_B", 3_000_000_000L),
                new MeshEvent.TaskAcknowledged(t + 22, "Device_A", "task_1_0badf00d", "Device_B", 1, 1_500_000_000L,
                        5_000_000_000L),
                new MeshEvent.AttemptFailed(t + 23, "Device_A", "task_1_0badf00d", "Device_B", 1,
                        io.meshbench.event.FailureReason.PEER_DOWN, "Device_B is down", "next bidder Device_C"),
                new MeshEvent.AuctionReopened(t + 24, "Device_A", "task_1_0badf00d", 3, List.of("Device_C")),
                new MeshEvent.LateResult(t + 25, "Device_A", "task_1_0badf00d", "Device_B", 1, "completed", "late"),
                new MeshEvent.TaskCancelled(t + 26, "Device_B", "task_1_0badf00d", 1, "Device_A", "peer_down"),
                new MeshEvent.FaultInjected(t + 27, "Device_C", "chaos kill", "for 20000 ms"),
                new MeshEvent.TaskQueued(t + 28, "Device_A", "task_2", "high", 3, "every bidder is full (Device_B run as many tasks as they take)"),
                new MeshEvent.TaskDequeued(t + 29, "Device_A", "task_2", "high", 1_000_000_000L, 2));
    }
}
