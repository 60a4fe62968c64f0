package io.meshbench.app;

import io.meshbench.event.MeshEvent;
import io.meshbench.plugin.api.Bid;
import io.meshbench.plugin.api.Selection;

import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/** The events of one auction of the original design's mesh, as the nodes publish them, with chosen times. */
public final class AuctionEvents {

    private AuctionEvents() {
    }

    public static final Bid B = new Bid("Device_B", OptionalDouble.of(0.452), OptionalDouble.of(0.6), OptionalInt.of(85), true);
    public static final Bid C = new Bid("Device_C", OptionalDouble.of(0.321), OptionalDouble.of(0.45), OptionalInt.of(92), false);

    /** Task {@code taskId} from bid request (at t0) to result, won by Device_B; times in ms after t0. */
    public static List<MeshEvent> won(String taskId, long t0) {
        String req = "BID_REQUEST|Device_A|{\"task_id\": \"" + taskId + "\", \"task_type\": \"slm_inference\", \"prompt\": \"Hi\", \"deadline\": 10}";
        String bidB = "BID_RESPONSE|Device_B|{\"device_id\": \"Device_B\", \"cpu_load\": 0.452, \"ram_load\": 0.6, \"battery\": 85, \"has_npu\": true, \"task_id\": \"" + taskId + "\"}";
        String bidC = "BID_RESPONSE|Device_C|{\"device_id\": \"Device_C\", \"cpu_load\": 0.321, \"ram_load\": 0.45, \"battery\": 92, \"has_npu\": false, \"task_id\": \"" + taskId + "\"}";
        String task = "TASK|Device_A|{\"task_id\": \"" + taskId + "\", \"prompt\": \"Hi\", \"use_npu\": true, \"prompt_type\": \"npu_prompt\"}";
        String result = "RESULT|Device_B|{\"task_id\": \"" + taskId + "\", \"device_id\": \"Device_B\", \"status\": \"completed\", \"output\": \"Hello\"}";
        Selection selection = new Selection(List.of(B, C), "NPU Priority", "Device_B is the only bidder with an NPU");
        return List.of(
                new MeshEvent.AuctionOpened(ms(t0, 0), "Device_A", taskId, "Hi", List.of("Device_B", "Device_C"), 10_000_000_000L),
                new MeshEvent.MessageSent(ms(t0, 0), "Device_A", "Device_B", "BID_REQUEST", taskId, req),
                new MeshEvent.MessageSent(ms(t0, 0), "Device_A", "Device_C", "BID_REQUEST", taskId, req),
                new MeshEvent.MessageReceived(ms(t0, 1), "Device_B", "Device_A", "BID_REQUEST", taskId, req),
                new MeshEvent.MessageReceived(ms(t0, 1), "Device_C", "Device_A", "BID_REQUEST", taskId, req),
                new MeshEvent.MessageSent(ms(t0, 2), "Device_B", "Device_A", "BID_RESPONSE", taskId, bidB),
                new MeshEvent.MessageSent(ms(t0, 2), "Device_C", "Device_A", "BID_RESPONSE", taskId, bidC),
                new MeshEvent.MessageReceived(ms(t0, 3), "Device_A", "Device_B", "BID_RESPONSE", taskId, bidB),
                new MeshEvent.BidAccepted(ms(t0, 3), "Device_A", taskId, B),
                new MeshEvent.MessageReceived(ms(t0, 4), "Device_A", "Device_C", "BID_RESPONSE", taskId, bidC),
                new MeshEvent.BidAccepted(ms(t0, 4), "Device_A", taskId, C),
                new MeshEvent.AuctionClosed(ms(t0, 4), "Device_A", taskId, "npu-first", "NPU-First Strategy",
                        List.of(B, C), selection, io.meshbench.event.ClosedBy.ALL_BIDS, List.of()),
                new MeshEvent.TaskAssigned(ms(t0, 5), "Device_A", taskId, "Device_B", true, "npu_prompt", "Hi"),
                new MeshEvent.MessageSent(ms(t0, 5), "Device_A", "Device_B", "TASK", taskId, task),
                new MeshEvent.MessageReceived(ms(t0, 6), "Device_B", "Device_A", "TASK", taskId, task),
                new MeshEvent.TaskExecuted(ms(t0, 100), "Device_B", taskId, io.meshbench.plugin.api.SlmResult.Status.COMPLETED, null, 1, 5, 90_000_000L),
                new MeshEvent.MessageSent(ms(t0, 100), "Device_B", "Device_A", "RESULT", taskId, result),
                new MeshEvent.MessageReceived(ms(t0, 102), "Device_A", "Device_B", "RESULT", taskId, result),
                new MeshEvent.TaskCompleted(ms(t0, 102), "Device_A", taskId, "Device_B", "completed", "Hello",
                        new MeshEvent.Timing(4_000_000L, 500_000L, 97_000_000L, 102_000_000L)));
    }

    private static long ms(long t0, long ms) {
        return t0 + ms * 1_000_000L;
    }
}
