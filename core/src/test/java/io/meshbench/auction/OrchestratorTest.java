package io.meshbench.auction;

import io.meshbench.event.MeshEvent.AuctionClosed;
import io.meshbench.event.MeshEvent.AuctionOpened;
import io.meshbench.event.MeshEvent.BidAccepted;
import io.meshbench.event.MeshEvent.BidIgnored;
import io.meshbench.event.MeshEvent.InputRejected;
import io.meshbench.event.MeshEvent.ResultIgnored;
import io.meshbench.event.MeshEvent.TaskAssigned;
import io.meshbench.event.MeshEvent.TaskCompleted;
import io.meshbench.event.MeshEvent.TaskFailed;
import io.meshbench.event.MeshEvent.Timing;
import io.meshbench.plugin.api.Bid;
import io.meshbench.plugin.api.Selection;
import io.meshbench.plugin.api.SelectionStrategy;
import io.meshbench.protocol.BidRequest;
import io.meshbench.protocol.BidResponse;
import io.meshbench.protocol.TaskRequest;
import io.meshbench.protocol.TaskResult;
import io.meshbench.testing.ManualContext;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalInt;

import static io.meshbench.testing.ManualContext.START;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OrchestratorTest {

    static final String A = "Device_A";
    static final String B = "Device_B";
    static final String C = "Device_C";
    static final String D = "Device_D";

    static final String PROMPT = "Describe a beautiful sunset over the ocean";
    static final String NPU_PROMPT = "[NPU Optimized] Describe a beautiful sunset over the ocean";
    static final String CPU_PROMPT = "[CPU Mode] Describe a sunset";
    static final PromptRequest SEED_REQUEST = new PromptRequest(PROMPT, NPU_PROMPT, CPU_PROMPT);

    static final long SECOND = 1_000_000_000L;

    private ManualContext ctx;
    private Orchestrator orchestrator;

    private Orchestrator start(String... peers) {
        return start(new NpuFirstStrategy(), peers);
    }

    private Orchestrator start(SelectionStrategy strategy, String... peers) {
        ctx = new ManualContext(A, peers);
        orchestrator = ctx.start(new Orchestrator(Orchestrator.Settings.SEED, strategy));
        return orchestrator;
    }

    static BidResponse bid(String device, String taskId, double cpu, double ram, int battery, boolean npu) {
        return new BidResponse(device, taskId, device, OptionalDouble.of(cpu), OptionalDouble.of(ram),
                OptionalInt.of(battery), npu);
    }

    static TaskResult result(String device, String taskId, String output) {
        return new TaskResult(device, taskId, device, TaskResult.COMPLETED, output);
    }

    private static List<String> ranking(Selection s) {
        return s.ranking().stream().map(Bid::deviceId).toList();
    }

    private static void assertConsistent(Timing t) {
        assertEquals(t.total(), t.bidding() + t.selection() + t.execution(), "timing " + t);
    }

    // ---- the seed's own example ------------------------------------------------------------------

    @Test
    void aWinnerThatRefusesAsBusyPassesTheTaskToTheNextBidder() {
        start(new NpuFirstStrategy(), B, C);
        String task = orchestrator.submit(SEED_REQUEST);
        ctx.deliver(bid(B, task, 0.452, 0.60, 85, true));
        ctx.deliver(bid(C, task, 0.321, 0.55, 92, false));
        ctx.deliver(new TaskResult(B, task, B, TaskResult.FAILED, TaskResult.BUSY + ": 4 tasks running (max_tasks 4)"));
        assertTrue(ctx.events(TaskFailed.class).isEmpty(), "not failed: there is another bidder");
        List<TaskRequest> tasks = ctx.sent(TaskRequest.class);
        assertEquals(2, tasks.size());
        assertEquals(1, ctx.sentTo(C, TaskRequest.class).size());
        assertEquals(CPU_PROMPT, tasks.get(1).prompt(), "the CPU bidder gets the CPU prompt");
        ctx.deliver(result(C, task, "done on C"));
        assertEquals(C, ctx.single(TaskCompleted.class).device());
    }

    @Test
    void withoutAQueueABusyRefusalFromTheLastBidderEndsTheTaskAsFailedByTheDevice() {
        start(new NpuFirstStrategy(), B);
        orchestrator.setQueueSettings(io.meshbench.schedule.QueueSettings.none());
        String task = orchestrator.submit(SEED_REQUEST);
        ctx.deliver(bid(B, task, 0.452, 0.60, 85, true));
        ctx.deliver(new TaskResult(B, task, B, TaskResult.FAILED, TaskResult.BUSY + ": 1 tasks running (max_tasks 1)"));
        TaskCompleted end = ctx.single(TaskCompleted.class);
        assertEquals(TaskResult.FAILED, end.status());
        assertTrue(end.output().startsWith(TaskResult.BUSY), end.output());
    }

    @Test
    void aFullBidderCountsAsAnsweredButIsNotChosen() {
        start(new NpuFirstStrategy(), B, C);
        String task = orchestrator.submit(SEED_REQUEST);
        ctx.deliver(new BidResponse(B, task, B, OptionalDouble.of(0.452), OptionalDouble.of(0.6), OptionalInt.of(85),
                true, false));
        ctx.deliver(bid(C, task, 0.321, 0.55, 92, false));
        AuctionClosed closed = ctx.single(AuctionClosed.class);
        assertEquals(io.meshbench.event.ClosedBy.ALL_BIDS, closed.closedBy(), "the full bidder answered: no wait for the deadline");
        assertEquals(C, closed.selection().winner().deviceId());
        assertEquals(List.of(C), ranking(closed.selection()));
        assertEquals(C, ctx.single(TaskAssigned.class).device());
    }

    @Test
    void withoutAQueueATaskThatEveryBidderIsTooFullForFailsAtOnceWithAReason() {
        start(new NpuFirstStrategy(), B, C);
        orchestrator.setQueueSettings(io.meshbench.schedule.QueueSettings.none());
        String task = orchestrator.submit(SEED_REQUEST);
        for (String device : List.of(B, C)) {
            ctx.deliver(new BidResponse(device, task, device, OptionalDouble.of(0.9), OptionalDouble.of(0.6),
                    OptionalInt.of(85), true, false));
        }
        TaskFailed failed = ctx.single(TaskFailed.class);
        assertEquals(task, failed.taskId());
        assertTrue(failed.reason().contains("every bidder is full"), failed.reason());
        assertTrue(failed.reason().contains(B) && failed.reason().contains(C), failed.reason());
        assertTrue(ctx.sent(TaskRequest.class).isEmpty());
    }

    @Test
    void seedExampleNpuDeviceWinsAndGetsTheNpuPrompt() {
        start(B, C);
        String task = orchestrator.submit(SEED_REQUEST);

        AuctionOpened opened = ctx.single(AuctionOpened.class);
        assertEquals(task, opened.taskId());
        assertEquals(List.of(B, C), opened.peers());
        assertEquals(10 * SECOND, opened.deadlineNanos());

        ctx.deliver(bid(B, task, 0.452, 0.60, 85, true));
        ctx.deliver(bid(C, task, 0.321, 0.55, 92, false));

        AuctionClosed closed = ctx.single(AuctionClosed.class);
        assertEquals(task, closed.taskId());
        assertEquals("npu-first", closed.strategy());
        assertEquals("NPU-First Strategy", closed.strategyTitle());
        assertEquals("NPU Priority", closed.selection().rule());
        assertEquals(B, closed.selection().winner().deviceId());
        assertEquals(List.of(B, C), ranking(closed.selection()));
        assertEquals(io.meshbench.event.ClosedBy.ALL_BIDS, closed.closedBy());
        assertEquals(List.of(), closed.missing());
        assertEquals(START, closed.time(), "closes as soon as every peer answered, with no clock advance");

        TaskAssigned assigned = ctx.single(TaskAssigned.class);
        assertEquals(B, assigned.device());
        assertTrue(assigned.useNpu());
        assertEquals("npu_prompt", assigned.promptType());
        assertEquals(NPU_PROMPT, assigned.prompt());

        TaskRequest taskMessage = ctx.singleSent(TaskRequest.class);
        assertEquals(List.of(taskMessage), ctx.sentTo(B, TaskRequest.class));
        assertEquals(A, taskMessage.sender());
        assertEquals(task, taskMessage.taskId());
        assertTrue(taskMessage.useNpu());
        assertEquals(TaskRequest.NPU_PROMPT, taskMessage.promptType());
        assertEquals(NPU_PROMPT, taskMessage.prompt());

        ctx.advance(Duration.ofSeconds(3));
        ctx.deliver(result(B, task, "A golden sun sinks."));

        TaskCompleted done = ctx.single(TaskCompleted.class);
        assertEquals(task, done.taskId());
        assertEquals(B, done.device());
        assertEquals("completed", done.status());
        assertEquals("A golden sun sinks.", done.output());
        assertEquals(0, orchestrator.inFlight());
        assertEquals(0, ctx.pendingTimers(), "bid and result timers are cancelled");
        assertTrue(ctx.events(TaskFailed.class).isEmpty());
    }

    @Test
    void withoutNpuTheLowestCpuWinsWithTheCpuPrompt() {
        start(B, C, D);
        String task = orchestrator.submit(SEED_REQUEST);
        ctx.deliver(bid(B, task, 0.452, 0.60, 85, false));
        ctx.deliver(bid(C, task, 0.321, 0.90, 12, false));
        ctx.deliver(bid(D, task, 0.700, 0.10, 100, false));

        AuctionClosed closed = ctx.single(AuctionClosed.class);
        assertEquals("CPU Fallback", closed.selection().rule());
        assertEquals(List.of(C, B, D), ranking(closed.selection()));

        TaskRequest sent = ctx.singleSent(TaskRequest.class);
        assertEquals(List.of(sent), ctx.sentTo(C, TaskRequest.class));
        assertFalse(sent.useNpu());
        assertEquals("cpu_prompt", sent.promptType());
        assertEquals(CPU_PROMPT, sent.prompt());
    }

    @Test
    void promptVariantsDefaultToThePrompt() {
        start(B);
        String task = orchestrator.submit(PromptRequest.of(PROMPT));
        ctx.deliver(bid(B, task, 0.5, 0.5, 50, true));
        assertEquals(PROMPT, ctx.singleSent(TaskRequest.class).prompt());
    }

    @Test
    void everyPeerGetsABidRequestWithTheDefaultDeadline() {
        start(B, C, D);
        String task = orchestrator.submit(SEED_REQUEST);

        assertEquals(3, ctx.sent().size());
        for (String peer : List.of(B, C, D)) {
            List<BidRequest> requests = ctx.sentTo(peer, BidRequest.class);
            assertEquals(1, requests.size(), "BID_REQUEST to " + peer);
            BidRequest r = requests.get(0);
            assertEquals(A, r.sender());
            assertEquals(task, r.taskId());
            assertEquals("slm_inference", r.taskType());
            assertEquals(PROMPT, r.prompt());
            assertEquals(10, r.deadline());
        }
        assertEquals(1, orchestrator.inFlight());
        assertEquals(1, ctx.pendingTimers(), "only the bid deadline is armed");
    }

    @Test
    void deadlineInSecondsRoundsUpAShorterBidTimeout() {
        ctx = new ManualContext(A, B);
        orchestrator = ctx.start(new Orchestrator(
                new Orchestrator.Settings(Duration.ofMillis(1500), Duration.ofSeconds(5)), new NpuFirstStrategy()));
        orchestrator.submit(SEED_REQUEST);
        assertEquals(2, ctx.singleSent(BidRequest.class).deadline());

        ctx.advance(Duration.ofMillis(1499));
        assertTrue(ctx.events(TaskFailed.class).isEmpty());
        ctx.advance(Duration.ofMillis(1));
        assertEquals(1500_000_000L, ctx.single(TaskFailed.class).time() - START);
    }

    @Test
    void settingsRejectNonPositiveTimeouts() {
        assertThrows(IllegalArgumentException.class,
                () -> new Orchestrator.Settings(Duration.ofSeconds(-1), Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class,
                () -> new Orchestrator.Settings(Duration.ofSeconds(1), Duration.ZERO));
    }

    @Test
    void taskIdsAreUnique() {
        start(B);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            ids.add(orchestrator.submit(PromptRequest.of("p" + i)));
        }
        assertEquals(50, ids.stream().distinct().count(), ids.toString());
    }

    // ---- closing the auction ---------------------------------------------------------------------

    @Test
    void deadlineClosesWithTheBidsThatCame() {
        start(B, C, D);
        String task = orchestrator.submit(SEED_REQUEST);
        ctx.advance(Duration.ofSeconds(2));
        ctx.deliver(bid(C, task, 0.6, 0.5, 50, false));

        ctx.advance(Duration.ofSeconds(8).minusNanos(1));
        assertTrue(ctx.events(AuctionClosed.class).isEmpty(), "still bidding just before the deadline");
        assertTrue(ctx.sent(TaskRequest.class).isEmpty());

        ctx.advance(Duration.ofNanos(1));
        AuctionClosed closed = ctx.single(AuctionClosed.class);
        assertEquals(io.meshbench.event.ClosedBy.DEADLINE, closed.closedBy());
        assertEquals(List.of(B, D), closed.missing());
        assertEquals(List.of(C), closed.bids().stream().map(Bid::deviceId).toList());
        assertEquals(START + 10 * SECOND, closed.time());
        assertEquals(C, ctx.single(TaskAssigned.class).device());
        assertEquals(List.of(C), ctx.sent().stream()
                .filter(s -> s.message() instanceof TaskRequest).map(ManualContext.Sent::peer).toList());
    }

    @Test
    void noBidsAtAllFailsNamingThePeers() {
        start(B, C);
        String task = orchestrator.submit(SEED_REQUEST);
        ctx.advance(Duration.ofSeconds(10));

        TaskFailed failed = ctx.single(TaskFailed.class);
        assertEquals(task, failed.taskId());
        assertTrue(failed.reason().contains("no bids"), failed.reason());
        assertTrue(failed.reason().contains(B) && failed.reason().contains(C), failed.reason());
        assertTrue(failed.reason().contains("10 s"), failed.reason());
        assertEquals(10 * SECOND, failed.timing().bidding());
        assertEquals(10 * SECOND, failed.timing().total());
        assertEquals(-1, failed.timing().execution());
        assertTrue(ctx.events(AuctionClosed.class).isEmpty());
        assertTrue(ctx.sent(TaskRequest.class).isEmpty());
        assertEquals(0, orchestrator.inFlight());
    }

    @Test
    void lateBidsAfterCloseAreIgnored() {
        start(B, C);
        String task = orchestrator.submit(SEED_REQUEST);
        ctx.deliver(bid(B, task, 0.9, 0.9, 10, false));
        ctx.advance(Duration.ofSeconds(10));
        assertEquals(B, ctx.single(TaskAssigned.class).device());

        // late while the task runs: C would have won, but it does not count
        ctx.deliver(bid(C, task, 0.1, 0.1, 100, true));
        BidIgnored late = ctx.single(BidIgnored.class);
        assertEquals(task, late.taskId());
        assertEquals(C, late.device());
        assertTrue(late.reason().contains("late"), late.reason());
        assertEquals(1, ctx.events(BidAccepted.class).size());
        assertEquals(1, ctx.events(TaskAssigned.class).size());

        // late after the task ended
        ctx.deliver(result(B, task, "done"));
        ctx.clear();
        ctx.deliver(bid(C, task, 0.1, 0.1, 100, true));
        BidIgnored afterEnd = ctx.single(BidIgnored.class);
        assertTrue(afterEnd.reason().contains("late"), afterEnd.reason());
        assertTrue(ctx.sent().isEmpty());
    }

    @Test
    void bidForAnUnknownTaskIsIgnored() {
        start(B);
        orchestrator.submit(SEED_REQUEST);
        ctx.deliver(bid(B, "task_nobody_made", 0.1, 0.1, 10, true));
        BidIgnored ignored = ctx.single(BidIgnored.class);
        assertTrue(ignored.reason().contains("does not know"), ignored.reason());
        assertTrue(ctx.events(AuctionClosed.class).isEmpty());
    }

    @Test
    void duplicateBidIsIgnoredAndTheFirstCounts() {
        start(B, C);
        String task = orchestrator.submit(SEED_REQUEST);
        ctx.deliver(bid(B, task, 0.8, 0.5, 50, false));
        ctx.deliver(bid(B, task, 0.1, 0.5, 50, false));

        BidIgnored dup = ctx.single(BidIgnored.class);
        assertEquals(B, dup.device());
        assertEquals(task, dup.taskId());
        assertTrue(dup.reason().contains("second bid"), dup.reason());
        assertTrue(ctx.events(AuctionClosed.class).isEmpty(), "a repeat does not stand in for C's bid");

        ctx.deliver(bid(C, task, 0.5, 0.5, 50, false));
        AuctionClosed closed = ctx.single(AuctionClosed.class);
        assertEquals(2, closed.bids().size());
        Bid counted = closed.bids().stream().filter(b -> b.deviceId().equals(B)).findFirst().orElseThrow();
        assertEquals(0.8, counted.cpuLoad().getAsDouble());
        assertEquals(C, closed.selection().winner().deviceId());
    }

    @Test
    void bidFromADeviceNotInThePeerListIsIgnored() {
        start(B, C);
        String task = orchestrator.submit(SEED_REQUEST);
        ctx.deliver(bid("Device_X", task, 0.0, 0.0, 100, true));

        BidIgnored ignored = ctx.single(BidIgnored.class);
        assertEquals("Device_X", ignored.device());
        assertTrue(ignored.reason().contains("not in the peer list"), ignored.reason());
        assertTrue(ctx.events(BidAccepted.class).isEmpty());

        ctx.deliver(bid(B, task, 0.5, 0.5, 50, false));
        ctx.deliver(bid(C, task, 0.6, 0.5, 50, false));
        AuctionClosed closed = ctx.single(AuctionClosed.class);
        assertEquals(List.of(B, C), closed.bids().stream().map(Bid::deviceId).toList());
        assertEquals(B, closed.selection().winner().deviceId(), "the stranger's NPU bid did not count");
    }

    @Test
    void seedFormatBidWithoutTaskIdGoesToTheOldestAuctionWaitingForTheDevice() {
        start(B, C);
        String first = orchestrator.submit(PromptRequest.of("first"));
        ctx.advance(Duration.ofSeconds(1));
        String second = orchestrator.submit(PromptRequest.of("second"));

        ctx.deliver(bid(B, null, 0.2, 0.5, 50, false));
        ctx.deliver(bid(B, null, 0.3, 0.5, 50, false));
        ctx.deliver(bid(C, null, 0.4, 0.5, 50, false));

        List<BidAccepted> accepted = ctx.events(BidAccepted.class);
        assertEquals(List.of(first, second, first), accepted.stream().map(BidAccepted::taskId).toList());
        assertEquals(0.2, accepted.get(0).bid().cpuLoad().getAsDouble());
        assertEquals(0.3, accepted.get(1).bid().cpuLoad().getAsDouble());

        AuctionClosed closed = ctx.single(AuctionClosed.class);
        assertEquals(first, closed.taskId());

        // no open auction waits for B any more
        ctx.deliver(bid(B, null, 0.2, 0.5, 50, false));
        BidIgnored ignored = ctx.single(BidIgnored.class);
        assertEquals(null, ignored.taskId());
        assertTrue(ignored.reason().contains("names no task"), ignored.reason());
    }

    // ---- concurrent tasks ------------------------------------------------------------------------

    @Test
    void secondTaskWhileTheFirstRunsEachCompletesWithItsOwnResult() {
        start(B, C);
        String t1 = orchestrator.submit(PromptRequest.of("first prompt"));
        ctx.deliver(bid(B, t1, 0.2, 0.5, 80, false));
        ctx.deliver(bid(C, t1, 0.3, 0.5, 80, false));
        assertEquals(B, ctx.single(TaskAssigned.class).device());

        ctx.advance(Duration.ofSeconds(1));
        String t2 = orchestrator.submit(PromptRequest.of("second prompt"));
        assertNotEquals(t1, t2);
        assertEquals(2, orchestrator.inFlight());
        // B is busy with t1 and reports it
        ctx.deliver(bid(C, t2, 0.3, 0.5, 80, false));
        ctx.deliver(bid(B, t2, 0.45, 0.5, 80, false));
        List<TaskAssigned> assigned = ctx.events(TaskAssigned.class);
        assertEquals(2, assigned.size());
        assertEquals(t2, assigned.get(1).taskId());
        assertEquals(C, assigned.get(1).device());
        assertEquals("second prompt", ctx.sentTo(C, TaskRequest.class).get(0).prompt());

        // t2 ends first
        ctx.advance(Duration.ofSeconds(2));
        ctx.deliver(result(C, t2, "answer two"));
        ctx.advance(Duration.ofSeconds(4));
        ctx.deliver(result(B, t1, "answer one"));

        List<TaskCompleted> done = ctx.events(TaskCompleted.class);
        assertEquals(2, done.size());
        assertEquals(t2, done.get(0).taskId());
        assertEquals(C, done.get(0).device());
        assertEquals("answer two", done.get(0).output());
        assertEquals(2 * SECOND, done.get(0).timing().total());
        assertEquals(t1, done.get(1).taskId());
        assertEquals(B, done.get(1).device());
        assertEquals("answer one", done.get(1).output());
        assertEquals(7 * SECOND, done.get(1).timing().total());
        assertEquals(0, orchestrator.inFlight());
        assertEquals(0, ctx.pendingTimers());
        assertTrue(ctx.events(ResultIgnored.class).isEmpty());
        assertTrue(ctx.events(TaskFailed.class).isEmpty());
    }

    @Test
    void resultForTheWrongTaskDoesNotCompleteTheOther() {
        start(B);
        String t1 = orchestrator.submit(PromptRequest.of("one"));
        ctx.deliver(bid(B, t1, 0.2, 0.5, 80, false));
        String t2 = orchestrator.submit(PromptRequest.of("two"));
        ctx.deliver(bid(B, t2, 0.2, 0.5, 80, false));

        ctx.deliver(result(B, t2, "two's answer"));
        TaskCompleted done = ctx.single(TaskCompleted.class);
        assertEquals(t2, done.taskId());
        assertEquals(1, orchestrator.inFlight());
    }

    // ---- results that do not count ---------------------------------------------------------------

    @Test
    void resultForAnUnknownTaskOrFromANonWinnerIsIgnoredAndTheTaskStillWaits() {
        start(B, C);
        String task = orchestrator.submit(SEED_REQUEST);

        ctx.deliver(result(B, task, "too early"));
        ResultIgnored early = ctx.single(ResultIgnored.class);
        assertTrue(early.reason().contains("still bidding"), early.reason());

        ctx.deliver(bid(B, task, 0.452, 0.60, 85, true));
        ctx.deliver(bid(C, task, 0.321, 0.55, 92, false));
        ctx.clear();

        ctx.deliver(result(B, "task_unknown", "stray"));
        ctx.deliver(result(C, task, "from the loser"));
        List<ResultIgnored> ignored = ctx.events(ResultIgnored.class);
        assertEquals(2, ignored.size());
        assertEquals("task_unknown", ignored.get(0).taskId());
        assertTrue(ignored.get(0).reason().contains("does not know"), ignored.get(0).reason());
        assertEquals(C, ignored.get(1).device());
        assertTrue(ignored.get(1).reason().contains("went to " + B), ignored.get(1).reason());
        assertTrue(ctx.events(TaskCompleted.class).isEmpty());
        assertEquals(1, orchestrator.inFlight());

        ctx.deliver(result(B, task, "the real answer"));
        assertEquals("the real answer", ctx.single(TaskCompleted.class).output());

        ctx.clear();
        ctx.deliver(result(B, task, "again"));
        assertTrue(ctx.single(ResultIgnored.class).reason().contains("already ended"));
        assertTrue(ctx.events(TaskCompleted.class).isEmpty());
    }

    @Test
    void failedResultStatusIsPassedOn() {
        start(B);
        String task = orchestrator.submit(SEED_REQUEST);
        ctx.deliver(bid(B, task, 0.2, 0.5, 80, false));
        // (a "device busy" refusal is not passed on: the task waits in the queue, see OrchestratorQueueTest)
        ctx.deliver(new TaskResult(B, task, B, TaskResult.FAILED, "the model exited with 1"));
        TaskCompleted done = ctx.single(TaskCompleted.class);
        assertEquals("failed", done.status());
        assertEquals("the model exited with 1", done.output());
    }

    @Test
    void winnerThatNeverAnswersFailsAfterTheResultTimeout() {
        start(B, C);
        String task = orchestrator.submit(SEED_REQUEST);
        ctx.advance(Duration.ofSeconds(1));
        ctx.deliver(bid(B, task, 0.452, 0.60, 85, true));
        ctx.deliver(bid(C, task, 0.321, 0.55, 92, false));

        ctx.advance(Duration.ofSeconds(300).minusNanos(1));
        assertTrue(ctx.events(TaskFailed.class).isEmpty());
        assertEquals(1, orchestrator.inFlight());

        ctx.advance(Duration.ofNanos(1));
        TaskFailed failed = ctx.single(TaskFailed.class);
        assertEquals(task, failed.taskId());
        assertTrue(failed.reason().contains("no RESULT from " + B), failed.reason());
        assertTrue(failed.reason().contains("300 s"), failed.reason());
        assertEquals(START + 301 * SECOND, failed.time());
        assertEquals(new Timing(SECOND, 0, 300 * SECOND, 301 * SECOND), failed.timing());
        assertEquals(0, orchestrator.inFlight());

        ctx.deliver(result(B, task, "too late"));
        assertTrue(ctx.events(TaskCompleted.class).isEmpty());
        assertTrue(ctx.single(ResultIgnored.class).reason().contains("already ended"));
    }

    // ---- delivery failures -----------------------------------------------------------------------

    @Test
    void taskDeliveryFailureFallsBackToTheNextRankedBidder() {
        start(B, C, D);
        String task = orchestrator.submit(SEED_REQUEST);
        ctx.deliver(bid(B, task, 0.452, 0.60, 85, true));
        ctx.deliver(bid(D, task, 0.800, 0.60, 85, false));
        ctx.unreachable(B, "connection refused");
        ctx.deliver(bid(C, task, 0.321, 0.55, 92, false));

        assertEquals(B, ctx.single(TaskAssigned.class).device());
        assertEquals(1, ctx.runPosted());

        List<TaskAssigned> assigned = ctx.events(TaskAssigned.class);
        assertEquals(2, assigned.size());
        assertEquals(C, assigned.get(1).device());
        assertFalse(assigned.get(1).useNpu());
        assertEquals("cpu_prompt", assigned.get(1).promptType());
        TaskRequest toC = ctx.sentTo(C, TaskRequest.class).get(0);
        assertEquals(CPU_PROMPT, toC.prompt());
        assertFalse(toC.useNpu());
        assertEquals(TaskRequest.CPU_PROMPT, toC.promptType());
        assertEquals(1, ctx.events(AuctionClosed.class).size(), "the auction is not rerun");
        assertEquals(1, ctx.pendingTimers(), "one result timer, for C");

        ctx.deliver(result(B, task, "from B"));
        assertTrue(ctx.single(ResultIgnored.class).reason().contains("went to " + C));
        ctx.deliver(result(C, task, "from C"));
        TaskCompleted done = ctx.single(TaskCompleted.class);
        assertEquals(C, done.device());
        assertEquals("from C", done.output());
        assertEquals(0, ctx.pendingTimers());
    }

    @Test
    void taskDeliveryFailureToEveryBidderFails() {
        start(B, C);
        String task = orchestrator.submit(SEED_REQUEST);
        ctx.deliver(bid(B, task, 0.2, 0.5, 80, false));
        ctx.unreachable(B, "refused");
        ctx.unreachable(C, "no route to host");
        ctx.deliver(bid(C, task, 0.3, 0.5, 80, false));
        ctx.runPosted();

        assertEquals(List.of(B, C), ctx.events(TaskAssigned.class).stream().map(TaskAssigned::device).toList());
        TaskFailed failed = ctx.single(TaskFailed.class);
        assertEquals(task, failed.taskId());
        assertTrue(failed.reason().contains(C) && failed.reason().contains("no route to host"), failed.reason());
        assertTrue(failed.reason().contains("no other bidder"), failed.reason());
        assertEquals(0, orchestrator.inFlight());
        assertEquals(0, ctx.pendingTimers());
    }

    @Test
    void lateDeliveryFailureOfAFormerWinnerDoesNotMoveTheTaskAgain() {
        start(B, C);
        String task = orchestrator.submit(SEED_REQUEST);
        ctx.deliver(bid(B, task, 0.2, 0.5, 80, false));
        ctx.deliver(bid(C, task, 0.3, 0.5, 80, false));
        TaskRequest toB = ctx.sentTo(B, TaskRequest.class).get(0);

        ctx.failDelivery(B, toB, "reset");
        assertEquals(C, ctx.events(TaskAssigned.class).get(1).device());
        ctx.failDelivery(B, toB, "reset again");
        ctx.failDelivery(B, ctx.sentTo(B, BidRequest.class).get(0), "stale");
        assertEquals(2, ctx.events(TaskAssigned.class).size());
        assertTrue(ctx.events(TaskFailed.class).isEmpty());
    }

    @Test
    void bidRequestDeliveryFailureToOnePeerClosesOnceTheOthersAnswered() {
        start(B, C, D);
        ctx.unreachable(D, "connection refused");
        String task = orchestrator.submit(SEED_REQUEST);
        assertEquals(1, ctx.runPosted());

        ctx.deliver(bid(B, task, 0.5, 0.5, 50, false));
        assertTrue(ctx.events(AuctionClosed.class).isEmpty());
        ctx.deliver(bid(C, task, 0.4, 0.5, 50, false));

        AuctionClosed closed = ctx.single(AuctionClosed.class);
        assertEquals(START, closed.time(), "no wait for the deadline");
        assertEquals(io.meshbench.event.ClosedBy.ALL_BIDS, closed.closedBy());
        assertEquals(C, closed.selection().winner().deviceId());
        assertEquals(List.of(C), ctx.sent().stream()
                .filter(s -> s.message() instanceof TaskRequest).map(ManualContext.Sent::peer).toList());
    }

    @Test
    void bidRequestDeliveryFailureAfterTheOthersAnsweredClosesAtOnce() {
        start(B, C, D);
        ctx.unreachable(D, "connection refused");
        String task = orchestrator.submit(SEED_REQUEST);
        ctx.deliver(bid(B, task, 0.5, 0.5, 50, false));
        ctx.deliver(bid(C, task, 0.4, 0.5, 50, false));
        assertTrue(ctx.events(AuctionClosed.class).isEmpty(), "D's failure has not been reported yet");

        ctx.runPosted();
        AuctionClosed closed = ctx.single(AuctionClosed.class);
        assertEquals(START, closed.time());
        assertEquals(C, closed.selection().winner().deviceId());
        assertEquals(1, ctx.pendingTimers(), "the bid deadline is cancelled; only the result timer is left");
    }

    @Test
    void bidFromAPeerReportedUnreachableLaterStillCountsButIsNoLongerAwaited() {
        start(B, C, D);
        String task = orchestrator.submit(SEED_REQUEST);
        ctx.deliver(bid(B, task, 0.1, 0.5, 50, false));
        // a stale failure report for B arrives after its bid
        ctx.failDelivery(B, ctx.sentTo(B, BidRequest.class).get(0), "reset");
        ctx.deliver(bid(C, task, 0.4, 0.5, 50, false));
        assertTrue(ctx.events(AuctionClosed.class).isEmpty(), "D has not answered yet");

        ctx.deliver(bid(D, task, 0.5, 0.5, 50, false));
        AuctionClosed closed = ctx.single(AuctionClosed.class);
        assertEquals(io.meshbench.event.ClosedBy.ALL_BIDS, closed.closedBy());
        assertEquals(List.of(C, D, B), closed.bids().stream().map(Bid::deviceId).toList(),
                "awaited peers in peer order, then the others");
        assertEquals(B, closed.selection().winner().deviceId());
    }

    @Test
    void noPeerReachableFailsAtOnce() {
        start(B, C);
        ctx.unreachable(B, "refused");
        ctx.unreachable(C, "refused");
        String task = orchestrator.submit(SEED_REQUEST);
        ctx.runPosted();

        TaskFailed failed = ctx.single(TaskFailed.class);
        assertEquals(task, failed.taskId());
        assertTrue(failed.reason().contains("no peer could be reached"), failed.reason());
        assertEquals(START, failed.time());
        assertEquals(0, ctx.pendingTimers());
    }

    // ---- strategies that misbehave, no peers -----------------------------------------------------

    @Test
    void strategyThatThrowsFailsTheTask() {
        start(new Named("boom", bids -> {
            throw new IllegalStateException("kaboom");
        }), B);
        String task = orchestrator.submit(SEED_REQUEST);
        ctx.deliver(bid(B, task, 0.5, 0.5, 50, false));

        TaskFailed failed = ctx.single(TaskFailed.class);
        assertEquals(task, failed.taskId());
        assertTrue(failed.reason().contains("strategy boom failed"), failed.reason());
        assertTrue(failed.reason().contains("kaboom"), failed.reason());
        assertTrue(ctx.sent(TaskRequest.class).isEmpty());
        assertEquals(0, orchestrator.inFlight());
        assertEquals(0, ctx.pendingTimers());
    }

    @Test
    void strategyThatPicksADeviceThatDidNotBidFailsTheTask() {
        Bid stranger = new Bid("Device_Z", OptionalDouble.of(0.0), OptionalDouble.of(0.0), OptionalInt.of(100), true);
        start(new Named("rogue", bids -> new Selection(List.of(stranger), "Rogue", "Device_Z is best")), B);
        String task = orchestrator.submit(SEED_REQUEST);
        ctx.deliver(bid(B, task, 0.5, 0.5, 50, false));

        TaskFailed failed = ctx.single(TaskFailed.class);
        assertTrue(failed.reason().contains("strategy rogue picked Device_Z, which did not bid"), failed.reason());
        assertTrue(ctx.sent(TaskRequest.class).isEmpty());
        assertTrue(ctx.events(AuctionClosed.class).isEmpty());
    }

    @Test
    void strategyThatReturnsNothingFailsTheTask() {
        start(new Named("void", bids -> null), B);
        String task = orchestrator.submit(SEED_REQUEST);
        ctx.deliver(bid(B, task, 0.5, 0.5, 50, false));
        assertTrue(ctx.single(TaskFailed.class).reason().contains("strategy void returned no selection"));
    }

    @Test
    void emptyPeerListFailsAtOnce() {
        start();
        String task = orchestrator.submit(SEED_REQUEST);
        TaskFailed failed = ctx.single(TaskFailed.class);
        assertEquals(task, failed.taskId());
        assertTrue(failed.reason().contains("peer list is empty"), failed.reason());
        assertTrue(ctx.sent().isEmpty());
        assertEquals(0, ctx.pendingTimers());
        assertEquals(0, orchestrator.inFlight());
    }

    @Test
    void stopFailsEveryTaskInFlight() {
        start(B);
        String t1 = orchestrator.submit(PromptRequest.of("one"));
        String t2 = orchestrator.submit(PromptRequest.of("two"));
        ctx.deliver(bid(B, t1, 0.5, 0.5, 50, false));
        orchestrator.stop();
        List<TaskFailed> failed = ctx.events(TaskFailed.class);
        assertEquals(List.of(t1, t2), failed.stream().map(TaskFailed::taskId).toList());
        assertEquals(0, ctx.pendingTimers());
    }

    @Test
    void bidRequestOrTaskSentToTheOrchestratorIsRejected() {
        start(B);
        ctx.deliver(new BidRequest(B, "task_x", BidRequest.SLM_INFERENCE, "p", 10));
        ctx.deliver(new TaskRequest(B, "task_y", "p", false, TaskRequest.CPU_PROMPT));
        List<InputRejected> rejected = ctx.events(InputRejected.class);
        assertEquals(2, rejected.size());
        assertTrue(rejected.get(0).reason().startsWith("BID_REQUEST from Device_B"), rejected.get(0).reason());
        assertTrue(rejected.get(1).reason().startsWith("TASK from Device_B"), rejected.get(1).reason());
        assertTrue(ctx.sent().isEmpty());
    }

    // ---- timing ----------------------------------------------------------------------------------

    @Test
    void timingFollowsTheManualClock() {
        start(B, C);
        String task = orchestrator.submit(SEED_REQUEST);
        ctx.advance(Duration.ofMillis(1200));
        ctx.deliver(bid(C, task, 0.3, 0.5, 50, false));
        ctx.advance(Duration.ofMillis(2300));
        ctx.deliver(bid(B, task, 0.4, 0.5, 50, false));
        ctx.advance(Duration.ofMillis(7250));
        ctx.deliver(result(C, task, "ok"));

        TaskCompleted done = ctx.single(TaskCompleted.class);
        assertEquals(START + 10_750_000_000L, done.time());
        assertEquals(new Timing(3_500_000_000L, 0, 7_250_000_000L, 10_750_000_000L), done.timing());
        assertConsistent(done.timing());
    }

    @Test
    void timingAfterADeadlineCloseAndAFallback() {
        start(B, C, D);
        String task = orchestrator.submit(SEED_REQUEST);
        ctx.deliver(bid(B, task, 0.2, 0.5, 50, false));
        ctx.deliver(bid(C, task, 0.3, 0.5, 50, false));
        ctx.advance(Duration.ofSeconds(10));
        ctx.advance(Duration.ofMillis(500));
        ctx.failDelivery(B, ctx.sentTo(B, TaskRequest.class).get(0), "gone");
        ctx.advance(Duration.ofSeconds(4));
        ctx.deliver(result(C, task, "ok"));

        Timing t = ctx.single(TaskCompleted.class).timing();
        assertEquals(new Timing(10 * SECOND, 0, 4_500_000_000L, 14_500_000_000L), t);
        assertConsistent(t);
    }

    // ---- determinism -----------------------------------------------------------------------------

    @Test
    void tiesAreBrokenByRamThenBatteryThenDeviceId() {
        assertEquals(C, winner(bid(B, null, 0.3, 0.5, 90, false), bid(C, null, 0.3, 0.4, 10, false)));
        assertEquals(B, winner(bid(B, null, 0.3, 0.5, 90, false), bid(C, null, 0.3, 0.5, 80, false)));
        assertEquals(C, winner(bid(B, null, 0.3, 0.5, 80, false), bid(C, null, 0.3, 0.5, 90, false)));
        assertEquals(B, winner(bid(B, null, 0.3, 0.5, 80, false), bid(C, null, 0.3, 0.5, 80, false)));
        assertEquals(B, winner(bid(C, null, 0.3, 0.5, 80, false), bid(B, null, 0.3, 0.5, 80, false)));
    }

    /** Runs one auction over peers B, C with the bids delivered in the given order; returns the winner. */
    private String winner(BidResponse... inOrder) {
        start(B, C);
        String task = orchestrator.submit(SEED_REQUEST);
        for (BidResponse r : inOrder) {
            ctx.deliver(bid(r.deviceId(), task, r.cpuLoad().getAsDouble(), r.ramLoad().getAsDouble(),
                    r.battery().getAsInt(), r.hasNpu()));
        }
        return ctx.single(TaskAssigned.class).device();
    }

    @Test
    void bidArrivalOrderDoesNotChangeTheWinnerOrTheStrategysInput() {
        List<List<String>> seenByStrategy = new ArrayList<>();
        List<String> winners = new ArrayList<>();
        List<List<String>> rankings = new ArrayList<>();
        String[][] orders = {{B, C, D}, {D, C, B}, {C, B, D}, {C, D, B}};
        for (String[] order : orders) {
            NpuFirstStrategy npuFirst = new NpuFirstStrategy();
            start(new Named("recording", bids -> {
                seenByStrategy.add(bids.stream().map(Bid::deviceId).toList());
                return npuFirst.select(bids);
            }), B, C, D);
            String task = orchestrator.submit(SEED_REQUEST);
            for (String device : order) {
                // all three tie on CPU, RAM and battery
                ctx.deliver(bid(device, task, 0.3, 0.5, 80, false));
            }
            AuctionClosed closed = ctx.single(AuctionClosed.class);
            winners.add(closed.selection().winner().deviceId());
            rankings.add(ranking(closed.selection()));
            assertEquals(List.of(B, C, D), closed.bids().stream().map(Bid::deviceId).toList(),
                    "bids are reported in peer order");
        }
        assertEquals(List.of(B, B, B, B), winners);
        assertEquals(List.of(List.of(B, C, D), List.of(B, C, D), List.of(B, C, D), List.of(B, C, D)), rankings);
        assertEquals(List.of(List.of(B, C, D), List.of(B, C, D), List.of(B, C, D), List.of(B, C, D)), seenByStrategy,
                "the strategy sees the bids in peer order whatever order they arrived in");
    }

    @Test
    void sameSeedSameTaskIds() {
        List<String> first = new ArrayList<>();
        List<String> second = new ArrayList<>();
        for (List<String> ids : List.of(first, second)) {
            start(B);
            for (int i = 0; i < 3; i++) {
                ids.add(orchestrator.submit(PromptRequest.of("p")));
            }
        }
        assertEquals(first, second);
    }

    /** A strategy given by a lambda. */
    private record Named(String name, java.util.function.Function<List<Bid>, Selection> body)
            implements SelectionStrategy {
        @Override
        public Selection select(List<Bid> bids) {
            return body.apply(bids);
        }
    }
}
