package io.meshbench.auction;

import io.meshbench.event.MeshEvent;
import io.meshbench.event.MeshEvent.TaskAssigned;
import io.meshbench.event.MeshEvent.TaskCompleted;
import io.meshbench.event.MeshEvent.TaskDequeued;
import io.meshbench.event.MeshEvent.TaskFailed;
import io.meshbench.event.MeshEvent.TaskQueued;
import io.meshbench.plugin.api.AuctionInfo;
import io.meshbench.plugin.api.Bid;
import io.meshbench.plugin.api.Selection;
import io.meshbench.plugin.api.SelectionStrategy;
import io.meshbench.protocol.BidRequest;
import io.meshbench.protocol.BidResponse;
import io.meshbench.protocol.TaskRequest;
import io.meshbench.schedule.Priority;
import io.meshbench.schedule.QueueSettings;
import io.meshbench.testing.ManualContext;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalInt;

import static io.meshbench.auction.OrchestratorTest.B;
import static io.meshbench.auction.OrchestratorTest.C;
import static io.meshbench.auction.OrchestratorTest.bid;
import static io.meshbench.auction.OrchestratorTest.result;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The orchestrator's waiting queue, deadlines, and what strategies learn of outstanding work; by hand, in virtual time. */
class OrchestratorQueueTest {

    private ManualContext ctx;
    private Orchestrator orchestrator;

    private void start(SelectionStrategy strategy, String... peers) {
        ctx = new ManualContext(OrchestratorTest.A, peers);
        orchestrator = ctx.start(new Orchestrator(Orchestrator.Settings.SEED, strategy));
    }

    private void full(String device, String task) {
        ctx.deliver(new BidResponse(device, task, device, OptionalDouble.of(0.9), OptionalDouble.of(0.6),
                OptionalInt.of(85), true, false));
    }

    private String submitWhileFull(PromptRequest request) {
        String task = orchestrator.submit(request);
        full(B, task);
        full(C, task);
        return task;
    }

    private <T extends MeshEvent> List<T> events(Class<T> type) {
        return ctx.events().stream().filter(type::isInstance).map(type::cast).toList();
    }

    @Test
    void whenEveryBidderIsFullTheTaskWaitsAndAsksAgainEverySecond() {
        start(new NpuFirstStrategy(), B, C);
        String task = submitWhileFull(PromptRequest.of("p"));
        TaskQueued queued = ctx.single(TaskQueued.class);
        assertEquals(task, queued.taskId());
        assertEquals(1, queued.queueLength());
        assertEquals("normal", queued.priority());
        assertTrue(queued.reason().contains("every bidder is full") && queued.reason().contains(B), queued.reason());
        assertTrue(events(TaskFailed.class).isEmpty());
        assertTrue(ctx.sent(TaskRequest.class).isEmpty());
        assertEquals(1, orchestrator.queueLength());
        assertEquals(1, orchestrator.inFlight(), "a waiting task is still in flight");

        ctx.advance(Duration.ofSeconds(1));
        TaskDequeued dequeued = ctx.single(TaskDequeued.class);
        assertEquals(Duration.ofSeconds(1).toNanos(), dequeued.waitedNanos());
        assertEquals(0, dequeued.queueLength());
        assertEquals(4, ctx.sent(BidRequest.class).size(), "a second round of bid requests");
        assertEquals(1, events(MeshEvent.AuctionOpened.class).size(), "one task, one AuctionOpened");
        ctx.deliver(bid(B, task, 0.5, 0.5, 80, true));
        ctx.deliver(bid(C, task, 0.2, 0.5, 80, false));
        assertEquals(B, ctx.single(TaskAssigned.class).device());
        ctx.deliver(result(B, task, "done"));
        TaskCompleted completed = ctx.single(TaskCompleted.class);
        assertTrue(completed.timing().total() >= Duration.ofSeconds(1).toNanos(), "the wait counts in the task's time");
    }

    @Test
    void aTaskThatEndsLetsTheFirstWaitingTaskAskAtOnce() {
        start(new NpuFirstStrategy(), B, C);
        String first = orchestrator.submit(PromptRequest.of("first"));
        ctx.deliver(bid(B, first, 0.5, 0.5, 80, true));
        ctx.deliver(bid(C, first, 0.2, 0.5, 80, false));
        String second = submitWhileFull(PromptRequest.of("second"));
        assertEquals(second, ctx.single(TaskQueued.class).taskId());
        int requestsBefore = ctx.sent(BidRequest.class).size();
        ctx.deliver(result(B, first, "done"));
        ctx.runPosted();
        assertEquals(second, ctx.single(TaskDequeued.class).taskId(), "no wait for the retry timer");
        assertEquals(requestsBefore + 2, ctx.sent(BidRequest.class).size());
    }

    @Test
    void aTaskEveryBidderRefusesAsBusyWaitsAndGoesToTheFirstWithRoom() {
        start(new NpuFirstStrategy(), B, C);
        String task = orchestrator.submit(PromptRequest.of("p"));
        ctx.deliver(bid(B, task, 0.5, 0.5, 80, true));
        ctx.deliver(bid(C, task, 0.2, 0.5, 80, false));
        ctx.deliver(new io.meshbench.protocol.TaskResult(B, task, B, io.meshbench.protocol.TaskResult.FAILED,
                io.meshbench.protocol.TaskResult.BUSY + ": 2 tasks running (max_tasks 2)"));
        ctx.deliver(new io.meshbench.protocol.TaskResult(C, task, C, io.meshbench.protocol.TaskResult.FAILED,
                io.meshbench.protocol.TaskResult.BUSY + ": 2 tasks running (max_tasks 2)"));
        TaskQueued queued = ctx.single(TaskQueued.class);
        assertTrue(queued.reason().startsWith("every bidder it was offered to was busy (last Device_C"), queued.reason());
        assertTrue(events(TaskCompleted.class).isEmpty() && events(TaskFailed.class).isEmpty());
        assertEquals(0, orchestrator.workload().outstanding(B) + orchestrator.workload().outstanding(C),
                "a task back in the queue is at no device");
        ctx.advance(Duration.ofSeconds(1));
        ctx.deliver(bid(B, task, 0.5, 0.5, 80, true));
        ctx.deliver(bid(C, task, 0.2, 0.5, 80, false));
        List<TaskAssigned> assigned = events(TaskAssigned.class);
        assertEquals(B, assigned.getLast().device(), "the new round starts from the best bidder again");
        ctx.deliver(result(B, task, "done"));
        assertEquals("completed", ctx.single(TaskCompleted.class).status());
    }

    @Test
    void waitingTasksAreServedByPriority() {
        start(new NpuFirstStrategy(), B, C);
        String low = submitWhileFull(PromptRequest.of("low").withPriority(Priority.LOW));
        String normal = submitWhileFull(PromptRequest.of("normal"));
        String high = submitWhileFull(PromptRequest.of("high").withPriority(Priority.HIGH));
        assertEquals(List.of(1, 2, 3), events(TaskQueued.class).stream().map(TaskQueued::queueLength).toList());
        List<String> served = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ctx.advance(Duration.ofSeconds(1));
            TaskDequeued d = events(TaskDequeued.class).getLast();
            served.add(d.taskId());
            // the mesh has room now: the task is taken
            ctx.deliver(bid(B, d.taskId(), 0.5, 0.5, 80, true));
            ctx.deliver(bid(C, d.taskId(), 0.2, 0.5, 80, false));
        }
        assertEquals(List.of(high, normal, low), served);
    }

    @Test
    void aTaskWhoseDeadlinePassesInTheQueueEndsWithThatReason() {
        start(new NpuFirstStrategy(), B, C);
        String task = submitWhileFull(PromptRequest.of("p").withDeadline(Duration.ofMillis(2500)));
        for (int i = 0; i < 3; i++) {
            ctx.advance(Duration.ofSeconds(1));
            String asked = events(TaskDequeued.class).getLast().taskId();
            full(B, asked);
            full(C, asked);
        }
        TaskFailed failed = ctx.single(TaskFailed.class);
        assertEquals(task, failed.taskId());
        assertEquals("deadline of 2.500 s passed while it waited in the queue", failed.reason());
        assertEquals(Duration.ofMillis(2500).toNanos(), failed.timing().total());
        assertEquals(0, orchestrator.queueLength());
        assertEquals(0, orchestrator.inFlight());
        ctx.advance(Duration.ofSeconds(5));
        assertEquals(2, events(TaskDequeued.class).size(), "nothing more is asked for it");
    }

    @Test
    void aRunningTaskPastItsDeadlineEndsAndItsLateResultIsIgnored() {
        start(new NpuFirstStrategy(), B, C);
        String task = orchestrator.submit(PromptRequest.of("p").withDeadline(Duration.ofSeconds(30)));
        ctx.deliver(bid(B, task, 0.5, 0.5, 80, true));
        ctx.deliver(bid(C, task, 0.2, 0.5, 80, false));
        ctx.advance(Duration.ofSeconds(30));
        assertEquals("deadline of 30 s passed while Device_B ran it", ctx.single(TaskFailed.class).reason());
        ctx.deliver(result(B, task, "late"));
        assertTrue(events(TaskCompleted.class).isEmpty());
        assertEquals(0, ctx.pendingTimers(), "the result timer went with the task");
    }

    @Test
    void aTaskThatEndsInTimeLeavesNoDeadlineBehind() {
        start(new NpuFirstStrategy(), B, C);
        String task = orchestrator.submit(PromptRequest.of("p").withDeadline(Duration.ofSeconds(30)));
        ctx.deliver(bid(B, task, 0.5, 0.5, 80, true));
        ctx.deliver(bid(C, task, 0.2, 0.5, 80, false));
        ctx.deliver(result(B, task, "ok"));
        assertEquals(0, ctx.pendingTimers());
        ctx.advance(Duration.ofSeconds(60));
        assertTrue(events(TaskFailed.class).isEmpty());
    }

    @Test
    void aWaitingTaskWithoutADeadlineGivesUpAfterTheResultTimeout() {
        start(new NpuFirstStrategy(), B, C);
        orchestrator.setQueueSettings(new QueueSettings(Duration.ofSeconds(10), 100, Duration.ofSeconds(100), null));
        submitWhileFull(PromptRequest.of("p"));
        for (int i = 0; i < 2; i++) {
            ctx.advance(Duration.ofSeconds(100));
            String asked = events(TaskDequeued.class).getLast().taskId();
            full(B, asked);
            full(C, asked);
        }
        ctx.advance(Duration.ofSeconds(100));
        TaskFailed failed = ctx.single(TaskFailed.class);
        assertTrue(failed.reason().startsWith("waited 300 s in the queue and no device could take it"), failed.reason());
    }

    @Test
    void aFullQueueFailsTheTaskAtOnce() {
        start(new NpuFirstStrategy(), B, C);
        orchestrator.setQueueSettings(new QueueSettings(Duration.ofSeconds(10), 1, Duration.ofSeconds(1), null));
        submitWhileFull(PromptRequest.of("one"));
        String two = submitWhileFull(PromptRequest.of("two"));
        TaskFailed failed = ctx.single(TaskFailed.class);
        assertEquals(two, failed.taskId());
        assertTrue(failed.reason().contains("the queue is full (1 tasks wait)"), failed.reason());
    }

    @Test
    void strategiesSeeEachDevicesOutstandingWorkAndTheForecast() {
        List<AuctionInfo> seen = new ArrayList<>();
        List<Integer> outstandingB = new ArrayList<>();
        SelectionStrategy spy = new SelectionStrategy() {
            @Override
            public String name() {
                return "spy";
            }

            @Override
            public Selection select(List<Bid> bids) {
                return new NpuFirstStrategy().select(bids);
            }

            @Override
            public Selection select(List<Bid> bids, AuctionInfo info) {
                seen.add(info);
                outstandingB.add(info.outstanding(B));
                return select(bids);
            }
        };
        start(spy, B, C);
        String one = orchestrator.submit(PromptRequest.of("x".repeat(40)));
        ctx.deliver(bid(B, one, 0.5, 0.5, 80, true));
        ctx.deliver(bid(C, one, 0.2, 0.5, 80, false));
        String two = orchestrator.submit(PromptRequest.of("y".repeat(40)));
        ctx.deliver(bid(B, two, 0.5, 0.5, 80, true));
        ctx.deliver(bid(C, two, 0.2, 0.5, 80, false));
        assertEquals(List.of(0, 1), outstandingB);
        assertEquals(10, seen.getFirst().promptTokens());
        assertTrue(seen.getFirst().expectedSeconds(B, true).isEmpty(), "cold start");
        assertEquals(2, orchestrator.workload().outstanding(B));
        ctx.advance(Duration.ofSeconds(2));
        ctx.deliver(result(B, one, "ok")); // 2 s from TASK to RESULT, with no task ahead of it
        ctx.deliver(result(B, two, "ok")); // 2 s with one ahead: 1 s a task
        assertEquals(0, orchestrator.workload().outstanding(B));
        double expected = orchestrator.workload().forecast().expectedSeconds(B, true, 10).orElseThrow();
        assertEquals(2.0 + 0.3 * (1.0 - 2.0), expected, 1e-9, "a decaying average of 2 s, then 1 s");
        assertTrue(seen.getFirst().seed() != seen.getLast().seed(), "each auction its own seed");
    }
}
