package io.meshbench.service;

import io.meshbench.event.MeshEvent;
import io.meshbench.plugin.api.Bid;
import io.meshbench.plugin.api.Selection;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalInt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The task board folds an auction's events into one task, and forgets only tasks that ended. */
class TaskBoardTest {

    private static final Bid B = new Bid("Device_B", OptionalDouble.of(0.452), OptionalDouble.of(0.6), OptionalInt.of(85), true);
    private static final Bid C = new Bid("Device_C", OptionalDouble.of(0.321), OptionalDouble.of(0.45), OptionalInt.of(92), false);

    private static void auction(TaskBoard board, String id, boolean end) {
        board.accept(new MeshEvent.AuctionOpened(1, "Device_A", id, "Describe a sunset", List.of("Device_B", "Device_C"), 10));
        board.accept(new MeshEvent.BidAccepted(2, "Device_A", id, B));
        board.accept(new MeshEvent.BidAccepted(3, "Device_A", id, C));
        board.accept(new MeshEvent.AuctionClosed(4, "Device_A", id, "npu-first", "NPU-First Strategy", List.of(B, C),
                new Selection(List.of(B, C), "NPU Priority", "Device_B is the only bidder with an NPU"), io.meshbench.event.ClosedBy.ALL_BIDS, List.of()));
        board.accept(new MeshEvent.TaskAssigned(5, "Device_A", id, "Device_B", true, "npu_prompt", "Describe a sunset"));
        if (end) {
            board.accept(new MeshEvent.TaskExecuted(6, "Device_B", id, io.meshbench.plugin.api.SlmResult.Status.COMPLETED, null, 5, 24, 800_000_000));
            board.accept(new MeshEvent.TaskCompleted(7, "Device_A", id, "Device_B", "completed", "[simulated] ok",
                    new MeshEvent.Timing(2_000_000, 100_000, 900_000_000, 905_000_000)));
        }
    }

    @Test
    void anAuctionsEventsMakeOneTask() {
        TaskBoard board = new TaskBoard(10);
        auction(board, "task_1", true);
        var task = board.follow("task_1", Duration.ZERO);
        assertEquals("completed", task.get("state").asText());
        assertEquals("Device_B", task.get("winner").asText());
        assertEquals("NPU Priority", task.get("rule").asText());
        assertEquals(2, task.get("bids").size());
        assertEquals(0.321, task.get("bids").get(1).get("cpu_load").asDouble());
        assertEquals(24, task.get("tokens").get("completion").asInt());
        assertEquals(905.0, task.get("timing_ms").get("total").asDouble());
        assertEquals(800.0, task.get("timing_ms").get("device_run").asDouble());
    }

    @Test
    void aBusyRefusalIsToldApartFromOtherFailures() {
        TaskBoard board = new TaskBoard(10);
        auction(board, "task_1", false);
        board.accept(new MeshEvent.TaskCompleted(7, "Device_A", "task_1", "Device_B", "failed",
                "device busy: 8 tasks running (max_tasks 8)", MeshEvent.Timing.NONE));
        assertTrue(board.ending("task_1").orElseThrow().join().busy());
        auction(board, "task_2", false);
        board.accept(new MeshEvent.TaskFailed(7, "Device_A", "task_2", "no bids within 10 s from 2 peers", MeshEvent.Timing.NONE));
        assertFalse(board.ending("task_2").orElseThrow().join().busy());
    }

    @Test
    void pastItsCapacityTheOldestEndedTasksGoAndTasksInFlightStay() {
        TaskBoard board = new TaskBoard(3);
        auction(board, "task_1", false); // in flight throughout
        for (int i = 2; i <= 10; i++) {
            auction(board, "task_" + i, true);
        }
        assertEquals(3, board.size());
        assertEquals("assigned", board.follow("task_1", Duration.ZERO).get("state").asText());
        assertThrows(ApiError.class, () -> board.follow("task_2", Duration.ZERO));
        assertEquals("completed", board.follow("task_10", Duration.ZERO).get("state").asText());
        assertEquals(10, board.opened());
    }
}
