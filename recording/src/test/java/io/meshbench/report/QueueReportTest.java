package io.meshbench.report;

import io.meshbench.event.MeshEvent;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Queue length and waits in a run's report, from TaskQueued and TaskDequeued. */
class QueueReportTest {

    static final long S = 1_000_000_000L;

    @Test
    void waitsRunFromFirstQueuedToLastLeftOrToTheEnd() {
        List<MeshEvent> events = List.of(
                new MeshEvent.AuctionOpened(0, "A", "t1", "p", List.of("B"), 2 * S),
                new MeshEvent.TaskQueued(0, "A", "t1", "normal", 1, "every bidder is full"),
                new MeshEvent.AuctionOpened(S, "A", "t2", "p", List.of("B"), 2 * S),
                new MeshEvent.TaskQueued(S, "A", "t2", "low", 2, "every bidder is full"),
                new MeshEvent.TaskDequeued(S + S / 2, "A", "t1", "normal", S + S / 2, 1),
                new MeshEvent.TaskQueued(S + S / 2 + 1, "A", "t1", "normal", 2, "every bidder is full"),
                new MeshEvent.TaskDequeued(2 * S, "A", "t1", "normal", 2 * S, 1),
                new MeshEvent.TaskAssigned(2 * S, "A", "t1", "B", true, "npu_prompt", "p"),
                new MeshEvent.TaskCompleted(3 * S, "A", "t1", "B", "completed", "ok",
                        new MeshEvent.Timing(2 * S, 0, S, 3 * S)),
                new MeshEvent.TaskFailed(6 * S, "A", "t2", "deadline of 5 s passed while it waited in the queue",
                        new MeshEvent.Timing(-1, -1, -1, 5 * S)));
        RunSummary summary = RunAnalyzer.analyze("q", Map.of(), events, Duration.ofSeconds(10)).summary();
        QueueStats q = summary.queue();
        assertEquals(2, q.tasksQueued());
        assertEquals(2, q.longestQueue());
        assertEquals(1, q.endedWaiting());
        assertEquals(2000, q.waitP50Ms(), 2, "t1 waited 2 s in all (two turns)");
        assertEquals(5000, q.waitMaxMs(), 1e-9, "t2 waited from 1 s until it failed at 6 s");
        assertEquals(5000, q.waitP99Ms(), 5);
        assertEquals(QueueStats.NONE, RunAnalyzer.analyze("none", Map.of(), List.of(), null).summary().queue());
    }
}
