package io.meshbench.auction;

import io.meshbench.event.FailureReason;
import io.meshbench.event.MeshEvent;
import io.meshbench.event.MeshEvent.AttemptFailed;
import io.meshbench.event.MeshEvent.AuctionClosed;
import io.meshbench.event.MeshEvent.AuctionReopened;
import io.meshbench.event.MeshEvent.LateResult;
import io.meshbench.event.MeshEvent.PeerStateChanged;
import io.meshbench.event.MeshEvent.TaskCompleted;
import io.meshbench.event.MeshEvent.TaskFailed;
import io.meshbench.health.LivenessSettings;
import io.meshbench.event.PeerState;
import io.meshbench.protocol.BidResponse;
import io.meshbench.protocol.Heartbeat;
import io.meshbench.protocol.HeartbeatAck;
import io.meshbench.protocol.TaskAck;
import io.meshbench.protocol.TaskCancel;
import io.meshbench.protocol.TaskRequest;
import io.meshbench.protocol.TaskResult;
import io.meshbench.testing.ManualContext;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Set;

import static io.meshbench.testing.ManualContext.START;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The task lifecycle with liveness on, driven by hand: every loss a phone can suffer mid-task. */
class FailoverTest {

    static final String A = "Device_A";
    static final String B = "Device_B";
    static final String C = "Device_C";
    static final String D = "Device_D";
    static final PromptRequest REQUEST = new PromptRequest("Describe a sunset", "[NPU] sunset", "[CPU] sunset");
    static final long MS = 1_000_000L;

    private ManualContext ctx;
    private Orchestrator orchestrator;
    /** Peers that answer heartbeats, and the incarnation they answer with. */
    private final Map<String, String> alive = new HashMap<>();
    private int heartbeatsSeen;

    private void start(RetryPolicy retry, String... peers) {
        ctx = new ManualContext(A, peers);
        for (String peer : peers) {
            ctx.announce(peer, 1);
            alive.put(peer, peer + "-1");
        }
        orchestrator = ctx.start(new Orchestrator(Orchestrator.Settings.SEED.withFailover(LivenessSettings.DEFAULT,
                retry), new NpuFirstStrategy()));
    }

    private void start(String... peers) {
        start(RetryPolicy.DEFAULT, peers);
    }

    static BidResponse bid(String device, String task, double cpu, boolean npu) {
        return new BidResponse(device, task, device, OptionalDouble.of(cpu), OptionalDouble.of(0.5), OptionalInt.of(80),
                npu);
    }

    /** Moves the clock in 50 ms steps; live peers answer each heartbeat at once. */
    private void run(Duration duration) {
        for (long t = 0; t < duration.toMillis(); t += 50) {
            ctx.advance(Duration.ofMillis(50));
            answerHeartbeats();
        }
    }

    private void answerHeartbeats() {
        List<ManualContext.Sent> sent = ctx.sent();
        for (int i = heartbeatsSeen; i < sent.size(); i++) {
            if (sent.get(i).message() instanceof Heartbeat beat && alive.containsKey(sent.get(i).peer())) {
                ctx.deliver(new HeartbeatAck(sent.get(i).peer(), beat.seq(), alive.get(sent.get(i).peer()), 0));
            }
        }
        heartbeatsSeen = sent.size();
    }

    /** B (NPU) wins over C and D; B acknowledges, expecting {@code expectedMs}. */
    private String taskOnB(long expectedMs) {
        String task = orchestrator.submit(REQUEST);
        ctx.deliver(bid(B, task, 0.45, true));
        ctx.deliver(bid(C, task, 0.20, false));
        ctx.deliver(bid(D, task, 0.30, false));
        TaskRequest toB = ctx.sentTo(B, TaskRequest.class).getLast();
        assertEquals(1, toB.attempt());
        ctx.deliver(new TaskAck(B, task, 1, expectedMs));
        return task;
    }

    @Test
    void aWinnerThatDiesMidTaskLosesItToTheNextBidderWithinThreeSeconds() {
        start(B, C, D);
        String task = taskOnB(60_000);
        run(Duration.ofSeconds(1));
        alive.remove(B); // kill -9
        long killedAt = ctx.now();
        run(Duration.ofSeconds(3));

        PeerStateChanged down = ctx.events(PeerStateChanged.class).stream()
                .filter(e -> e.peer().equals(B) && e.state() == PeerState.DOWN).findFirst().orElseThrow();
        assertTrue(down.time() - killedAt < 3_000 * MS, "detected after " + (down.time() - killedAt) / MS + " ms");
        AttemptFailed failed = ctx.single(AttemptFailed.class);
        assertEquals(FailureReason.PEER_DOWN, failed.reason());
        assertEquals(1, failed.attempt());
        assertEquals("next bidder " + C, failed.next());
        TaskRequest second = ctx.sentTo(C, TaskRequest.class).getFirst();
        assertEquals(2, second.attempt());
        assertEquals(task, second.taskId());

        // C answers; then B comes back (a new incarnation), gets its CANCEL, and its late answer is only recorded.
        ctx.deliver(new TaskResult(C, task, C, TaskResult.COMPLETED, "from C", 2));
        alive.put(B, B + "-2");
        run(Duration.ofSeconds(3));
        TaskCancel cancel = ctx.sentTo(B, TaskCancel.class).getLast();
        assertEquals(task, cancel.taskId());
        assertEquals(1, cancel.attempt());
        ctx.deliver(new TaskResult(B, task, B, TaskResult.COMPLETED, "from B", 1));
        assertEquals("from C", ctx.single(TaskCompleted.class).output());
        assertEquals(B, ctx.single(LateResult.class).device());
        assertTrue(ctx.events(PeerStateChanged.class).stream()
                .anyMatch(e -> e.peer().equals(B) && e.state() == PeerState.REJOINED));
    }

    @Test
    void aTaskThatIsNeverAcknowledgedGoesElsewhere() {
        start(B, C, D);
        String task = orchestrator.submit(REQUEST);
        ctx.deliver(bid(B, task, 0.45, true));
        ctx.deliver(bid(C, task, 0.20, false));
        ctx.deliver(bid(D, task, 0.30, false));
        run(LivenessSettings.DEFAULT.ackTimeout().plusMillis(100));
        AttemptFailed failed = ctx.single(AttemptFailed.class);
        assertEquals(FailureReason.NO_ACK, failed.reason());
        assertEquals(2, ctx.sentTo(C, TaskRequest.class).getFirst().attempt());
        // B is suspect now: told to stop at once, and once more when it is next heard from
        List<TaskCancel> cancels = ctx.sentTo(B, TaskCancel.class);
        assertEquals(2, cancels.size());
        cancels.forEach(c -> assertEquals(1, c.attempt()));
    }

    @Test
    void theDeadlineFollowsTheExpectedDuration() {
        start(B, C, D);
        String task = taskOnB(1_000);
        MeshEvent.TaskAcknowledged ack = ctx.single(MeshEvent.TaskAcknowledged.class);
        assertEquals((long) (1_000 * MS * ResultDeadlines.FACTOR) + ResultDeadlines.GRACE_NANOS, ack.deadlineNanos());
        run(Duration.ofMillis(3_900));
        assertEquals(0, ctx.events(AttemptFailed.class).size(), "B still has time");
        run(Duration.ofMillis(200));
        AttemptFailed failed = ctx.single(AttemptFailed.class);
        assertEquals(FailureReason.DEADLINE, failed.reason());
        assertEquals(task, ctx.sentTo(C, TaskRequest.class).getFirst().taskId());
    }

    @Test
    void theRetryBudgetEndsTheTaskWithEveryReasonSaid() {
        start(RetryPolicy.DEFAULT.withMaxAttempts(2), B, C, D);
        String task = taskOnB(1_000);
        alive.remove(B); // B dies; C, next, never acknowledges
        run(Duration.ofSeconds(8));
        List<AttemptFailed> failures = ctx.events(AttemptFailed.class);
        assertEquals(2, failures.size(), ctx.describeEvents());
        assertEquals(List.of(FailureReason.PEER_DOWN, FailureReason.NO_ACK),
                failures.stream().map(AttemptFailed::reason).toList());
        TaskFailed failed = ctx.single(TaskFailed.class);
        assertEquals(task, failed.taskId());
        assertTrue(failed.reason().startsWith("gave up after 2 attempts: "), failed.reason());
        assertTrue(failures.getLast().next().contains("retry budget"), failures.getLast().next());
        assertEquals(0, ctx.events(TaskCompleted.class).size());
    }

    @Test
    void whenTheRankingIsUsedUpAFreshAuctionOpensAfterABackOff() {
        start(B, C);
        String task = orchestrator.submit(REQUEST);
        ctx.deliver(bid(B, task, 0.45, true));
        run(LivenessSettings.DEFAULT.suspectBidWait().plusMillis(10)); // C is silent: not awaited for long? it is up: awaited
        ctx.advance(Duration.ofSeconds(10)); // the bid deadline closes the first round with B alone
        answerHeartbeats();
        assertEquals(1, ctx.sentTo(B, TaskRequest.class).size());
        ctx.deliver(new TaskResult(B, task, B, TaskResult.FAILED, TaskResult.BUSY + ": 4 tasks running", 1));
        AttemptFailed refused = ctx.single(AttemptFailed.class);
        assertEquals(FailureReason.REFUSED, refused.reason());
        assertTrue(refused.next().startsWith("fresh auction in "), refused.next());
        run(Duration.ofMillis(300)); // the first back-off is 100 to 200 ms
        AuctionReopened reopened = ctx.single(AuctionReopened.class);
        assertEquals(2, reopened.attempt());
        ctx.deliver(bid(C, task, 0.2, false));
        ctx.deliver(bid(B, task, 0.45, true));
        TaskRequest toC = ctx.sentTo(C, TaskRequest.class).getFirst();
        assertEquals(2, toC.attempt(), "B, which refused, goes last");
        ctx.deliver(new TaskAck(C, task, 2, 100));
        ctx.deliver(new TaskResult(C, task, C, TaskResult.COMPLETED, "ok", 2));
        assertEquals(C, ctx.single(TaskCompleted.class).device());
        assertEquals(1, ctx.events(MeshEvent.AuctionOpened.class).size(), "one task, one AuctionOpened");
    }

    @Test
    void aSilentPeerCostsOneSlowAuctionOnly() {
        start(B, C, D);
        alive.remove(D); // frozen
        String first = orchestrator.submit(REQUEST);
        ctx.deliver(bid(B, first, 0.45, true));
        ctx.deliver(bid(C, first, 0.2, false));
        run(Duration.ofSeconds(11));
        AuctionClosed slow = ctx.events(AuctionClosed.class).getFirst();
        assertEquals(io.meshbench.event.ClosedBy.DEADLINE, slow.closedBy());
        ctx.deliver(new TaskResult(B, first, B, TaskResult.COMPLETED, "1"));

        long opened = ctx.now();
        String second = orchestrator.submit(REQUEST);
        ctx.deliver(bid(B, second, 0.45, true));
        ctx.deliver(bid(C, second, 0.2, false));
        run(Duration.ofSeconds(1));
        AuctionClosed fast = ctx.events(AuctionClosed.class).getLast();
        assertEquals(second, fast.taskId());
        assertTrue(fast.time() - opened <= LivenessSettings.DEFAULT.suspectBidWait().toNanos(),
                "closed after " + (fast.time() - opened) / MS + " ms");
    }

    @Test
    void anAuctionStopsWaitingForAPeerThatFreezesWhileItBids() {
        start(B, C, D);
        String first = taskOnB(100);
        ctx.deliver(new TaskResult(B, first, B, TaskResult.COMPLETED, "1", 1));
        run(Duration.ofSeconds(1));
        alive.remove(D); // frozen just now: still up as far as the orchestrator knows
        long opened = ctx.now();
        String second = orchestrator.submit(REQUEST);
        ctx.deliver(bid(B, second, 0.45, true));
        ctx.deliver(bid(C, second, 0.2, false));
        run(Duration.ofSeconds(3));
        AuctionClosed closed = ctx.events(AuctionClosed.class).getLast();
        assertEquals(second, closed.taskId());
        assertEquals(io.meshbench.event.ClosedBy.SUSPECTS_SKIPPED, closed.closedBy());
        assertTrue(closed.time() - opened < 3_000 * MS, "closed after " + (closed.time() - opened) / MS + " ms, "
                + "not at the 10 s bid deadline");
    }

    @Test
    void aWinnerThatRestartsLosesItsAttempt() {
        start(B, C, D);
        String task = taskOnB(60_000);
        run(Duration.ofSeconds(1));
        alive.put(B, B + "-restarted");
        run(Duration.ofSeconds(1));
        AttemptFailed failed = ctx.single(AttemptFailed.class);
        assertEquals(FailureReason.PEER_RESTARTED, failed.reason());
        assertEquals(task, ctx.sentTo(C, TaskRequest.class).getFirst().taskId());
    }

    @Test
    void aRefusalPassesToTheNextBidderAndADeviceFailureIsDeliveredAsIs() {
        start(B, C, D);
        String task = taskOnB(1_000);
        ctx.deliver(new TaskResult(B, task, B, TaskResult.FAILED, TaskResult.BUSY + ": full", 1));
        ctx.deliver(new TaskAck(C, task, 2, 1_000));
        ctx.deliver(new TaskResult(C, task, C, TaskResult.FAILED, "failed: the model crashed", 2));
        TaskCompleted done = ctx.single(TaskCompleted.class);
        assertEquals(TaskResult.FAILED, done.status());
        assertEquals(C, done.device());
        assertEquals(1, ctx.events(AttemptFailed.class).size(), "a model failure is not retried");
    }

    @Test
    void seedPeersGetNoHeartbeatsAndNoAttemptNumbers() {
        ctx = new ManualContext(A, B, C);
        orchestrator = ctx.start(new Orchestrator(Orchestrator.Settings.DEFAULT, new NpuFirstStrategy()));
        String task = orchestrator.submit(REQUEST);
        ctx.deliver(bid(B, task, 0.45, true));
        ctx.deliver(bid(C, task, 0.2, false));
        ctx.advance(Duration.ofSeconds(5));
        assertEquals(0, ctx.sent(Heartbeat.class).size());
        assertEquals(0, ctx.sentTo(B, TaskRequest.class).getFirst().attempt());
        ctx.deliver(new TaskResult(B, task, B, TaskResult.COMPLETED, "seed answer"));
        assertEquals("seed answer", ctx.single(TaskCompleted.class).output());
    }

    @Test
    void exactlyOneAnswerEvenWhenBothAttemptsAnswer() {
        start(B, C, D);
        String task = taskOnB(60_000);
        alive.remove(B);
        run(Duration.ofSeconds(3));
        ctx.deliver(new TaskAck(C, task, 2, 1_000));
        ctx.deliver(new TaskResult(B, task, B, TaskResult.COMPLETED, "B, late", 1));
        ctx.deliver(new TaskResult(C, task, C, TaskResult.COMPLETED, "C", 2));
        ctx.deliver(new TaskResult(C, task, C, TaskResult.COMPLETED, "C again", 2));
        assertEquals("C", ctx.single(TaskCompleted.class).output());
        assertEquals(1, ctx.events(LateResult.class).size());
        Set<String> ids = new HashSet<>();
        ctx.events(TaskCompleted.class).forEach(e -> assertTrue(ids.add(e.taskId())));
        assertEquals(START, START);
    }
}
