package io.meshbench.verify;

import io.meshbench.auction.NpuFirstStrategy;
import io.meshbench.auction.Orchestrator;
import io.meshbench.auction.PromptRequest;
import io.meshbench.event.EventBus;
import io.meshbench.event.FailureReason;
import io.meshbench.event.MeshEvent;
import io.meshbench.node.DeviceNode;
import io.meshbench.plugin.api.PluginContext.Cancellable;
import io.meshbench.protocol.Message;
import io.meshbench.runtime.MeshContext;
import io.meshbench.runtime.ProtocolHandler;
import io.meshbench.sim.VirtualMesh;
import io.meshbench.testing.SlowPhone;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;
import java.util.random.RandomGenerator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The history checker over real runs in virtual time: a mesh whose winners crash mid-task passes;
 * the same mesh with a bug planted in the orchestrator (it delivers an answer twice, or delivers a
 * late result of an abandoned attempt) is caught. A checker that never failed would prove nothing.
 */
class HistoryCheckerTest {

    static final String A = "Device_A";
    static final long MS = 1_000_000L;

    /** Runs 200 tasks on 6 phones while a crash takes a random phone every 3 s; returns the checker's verdict. */
    static HistoryChecker.Verdict run(long seed, UnaryOperator<MeshContext> plantedBug) {
        EventBus bus = new EventBus();
        HistoryChecker checker = new HistoryChecker();
        bus.subscribe(checker);
        VirtualMesh mesh = new VirtualMesh(VirtualMesh.Options.of(seed).quiet(), bus);
        List<String> ids = new ArrayList<>(List.of(A));
        for (int i = 1; i <= 6; i++) {
            ids.add("Phone_" + i);
        }
        for (String id : ids.subList(1, ids.size())) {
            mesh.add(id, device(id), ids);
        }
        Orchestrator orchestrator = new Orchestrator(Orchestrator.Settings.DEFAULT, new NpuFirstStrategy());
        mesh.add(A, new Buggy(orchestrator, plantedBug), ids);
        SplittableRandom random = new SplittableRandom(seed);
        for (int t = 0; t < 200; t++) {
            mesh.at(Duration.ofMillis(500L * t + 100), () -> orchestrator.submit(PromptRequest.of("Describe a sunset")));
        }
        for (int k = 0; k < 30; k++) {
            String victim = ids.get(1 + random.nextInt(6));
            long at = 3_000L * k + random.nextInt(1000);
            if (k % 2 == 0) { // a crash: the run is lost
                mesh.at(Duration.ofMillis(at), () -> mesh.node(victim).kill());
                mesh.at(Duration.ofMillis(at + 2_500), () -> {
                    @SuppressWarnings("unchecked")
                    VirtualMesh.Node<DeviceNode> node = (VirtualMesh.Node<DeviceNode>) mesh.node(victim);
                    node.revive(device(victim));
                });
            } else { // a cut: the run goes on, and its answer may come back late
                mesh.at(Duration.ofMillis(at), () -> mesh.network().partition(victim, 1));
                mesh.at(Duration.ofMillis(at + 2_500), () -> mesh.network().partition(victim, 0));
            }
        }
        mesh.runFor(Duration.ofMinutes(5));
        return checker.verdict();
    }

    static DeviceNode device(String id) {
        return SlowPhone.device(id);
    }

    @Test
    void crashesMidTaskFailOverAndTheHistoryHolds() {
        long late = 0;
        for (long seed = 1; seed <= 4; seed++) {
            HistoryChecker.Verdict verdict = run(seed, ctx -> ctx);
            assertTrue(verdict.valid(), "seed " + seed + ": " + verdict.describe());
            assertEquals(200, verdict.tasks());
            assertTrue(verdict.failovers() > 0, "seed " + seed + ": crashes mid-task should cause failovers: "
                    + verdict.describe());
            late += verdict.lateResults();
        }
        assertTrue(late > 0, "cuts should cause late results, kept back");
    }

    /** A seed whose run has late results, so that a bug about them has something to act on. */
    static long seedWithLateResults() {
        for (long seed = 1; seed <= 20; seed++) {
            if (run(seed, ctx -> ctx).lateResults() > 0) {
                return seed;
            }
        }
        throw new AssertionError("no seed from 1 to 20 gives a late result");
    }

    @Test
    void aPlantedBugThatDeliversEveryAnswerTwiceIsCaught() {
        HistoryChecker.Verdict verdict = run(1, ctx -> new EmitTwice(ctx));
        assertFalse(verdict.valid());
        assertEquals(verdict.completed() / 2, verdict.violationCount(), verdict.describe());
        assertTrue(verdict.violations().getFirst().contains("ended twice"), verdict.violations().getFirst());
    }

    @Test
    void aPlantedBugThatDeliversALateResultIsCaught() {
        HistoryChecker.Verdict verdict = run(seedWithLateResults(), ctx -> new DeliverLate(ctx));
        assertFalse(verdict.valid());
        assertTrue(verdict.violations().stream().anyMatch(v -> v.contains("ended twice") || v.contains("current attempt")),
                verdict.describe());
    }

    @Test
    void aFailureWithoutAReasonIsCaught() {
        HistoryChecker checker = new HistoryChecker();
        checker.accept(new MeshEvent.AuctionOpened(0, A, "task_1_00", "p", List.of("B"), 1));
        checker.accept(new MeshEvent.TaskAssigned(1, A, "task_1_00", "B", false, "cpu_prompt", "p"));
        checker.accept(new MeshEvent.AttemptFailed(2, A, "task_1_00", "B", 1, FailureReason.PEER_DOWN, " ", "none"));
        checker.accept(new MeshEvent.TaskFailed(3, A, "task_1_00", "", MeshEvent.Timing.NONE));
        assertEquals(2, checker.verdict().violationCount(), checker.verdict().describe());
    }

    @Test
    void aResultFromADeviceThatDidNotRunTheAttemptIsCaught() {
        HistoryChecker checker = new HistoryChecker();
        checker.accept(new MeshEvent.AuctionOpened(0, A, "task_1_00", "p", List.of("B", "C"), 1));
        checker.accept(new MeshEvent.TaskAssigned(1, A, "task_1_00", "B", false, "cpu_prompt", "p"));
        checker.accept(new MeshEvent.TaskCompleted(2, A, "task_1_00", "C", "completed", "x", MeshEvent.Timing.NONE));
        assertTrue(checker.verdict().violations().getFirst().contains("current attempt ran on B"));
    }

    @Test
    void aTaskWithoutAnEndIsLost() {
        HistoryChecker checker = new HistoryChecker();
        checker.accept(new MeshEvent.AuctionOpened(0, A, "task_1_00", "p", List.of("B"), 1));
        assertEquals(1, checker.verdict().unfinished());
        assertFalse(checker.verdict().valid());
    }

    /** The orchestrator as the mesh sees it, but acting through a context with a bug planted in it. */
    private static final class Buggy implements ProtocolHandler {
        private final Orchestrator real;
        private final UnaryOperator<MeshContext> bug;

        Buggy(Orchestrator real, UnaryOperator<MeshContext> bug) {
            this.real = real;
            this.bug = bug;
        }

        @Override
        public void start(MeshContext context) {
            real.start(bug.apply(context));
        }

        @Override
        public void onMessage(Message message) {
            real.onMessage(message);
        }

        @Override
        public void onDeliveryFailed(String peer, Message message, String reason) {
            real.onDeliveryFailed(peer, message, reason);
        }

        @Override
        public String role() {
            return real.role();
        }
    }

    /** Passes everything through. */
    private static class Forwarding implements MeshContext {
        final MeshContext d;

        Forwarding(MeshContext d) {
            this.d = d;
        }

        public String self() { return d.self(); }
        public long now() { return d.now(); }
        public List<String> peers() { return d.peers(); }
        public boolean isPeer(String id) { return d.isPeer(id); }
        public int extensionLevel(String peer) { return d.extensionLevel(peer); }
        public void send(String peer, Message message) { d.send(peer, message); }
        public Cancellable schedule(Duration delay, Runnable action) { return d.schedule(delay, action); }
        public void post(Runnable action) { d.post(action); }
        public void emit(MeshEvent event) { d.emit(event); }
        public RandomGenerator random() { return d.random(); }
    }

    /** Bug 1: every answer reaches the user twice. */
    private static final class EmitTwice extends Forwarding {
        EmitTwice(MeshContext d) {
            super(d);
        }

        @Override
        public void emit(MeshEvent event) {
            d.emit(event);
            if (event instanceof MeshEvent.TaskCompleted) {
                d.emit(event);
            }
        }
    }

    /** Bug 2: a late result of an abandoned attempt is delivered as the answer. */
    private static final class DeliverLate extends Forwarding {
        DeliverLate(MeshContext d) {
            super(d);
        }

        @Override
        public void emit(MeshEvent event) {
            if (event instanceof MeshEvent.LateResult late) {
                d.emit(new MeshEvent.TaskCompleted(late.time(), late.node(), late.taskId(), late.device(), late.status(),
                        late.output(), MeshEvent.Timing.NONE));
            } else {
                d.emit(event);
            }
        }
    }
}
