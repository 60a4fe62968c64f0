package io.meshbench.replay;

import io.meshbench.auction.NpuFirstStrategy;
import io.meshbench.auction.Orchestrator;
import io.meshbench.auction.PromptRequest;
import io.meshbench.event.EventBus;
import io.meshbench.event.MeshEvent;
import io.meshbench.node.DeviceConfig;
import io.meshbench.node.DeviceNode;
import io.meshbench.plugin.PluginRegistry;
import io.meshbench.plugin.api.Bid;
import io.meshbench.plugin.api.Selection;
import io.meshbench.plugin.api.SelectionStrategy;
import io.meshbench.record.Recording;
import io.meshbench.record.RecordingReader;
import io.meshbench.record.RecordingWriter;
import io.meshbench.sim.VirtualMesh;
import io.meshbench.testing.EventRecorder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A real run in virtual time, recorded, read back, and decided again. */
class StrategyReplayTest {

    private static final PluginRegistry PLUGINS = PluginRegistry.fromClassPath();

    /** The lowest CPU load wins, NPU or not: a strategy of this test's own, so core needs no plugin. */
    static final class LowestCpu implements SelectionStrategy {
        @Override
        public String name() {
            return "test-lowest-cpu";
        }

        @Override
        public Selection select(List<Bid> bids) {
            List<Bid> ranked = new ArrayList<>(bids);
            ranked.sort(Comparator.comparingDouble(Bid::cpuLoadOrWorst).thenComparing(Bid::deviceId));
            return new Selection(ranked, "Lowest CPU", "lowest CPU load");
        }
    }

    private static final Bid B = new Bid("Device_B", java.util.OptionalDouble.of(0.4), java.util.OptionalDouble.of(0.5),
            java.util.OptionalInt.of(80), true);

    @TempDir
    Path dir;

    /** Eight phones (0, 3 and 6 with an NPU, CPU load rising with the number), Phone_0 dies at 2 s. */
    private List<MeshEvent> recordedRun(Path file) throws Exception {
        EventBus bus = new EventBus();
        EventRecorder live = new EventRecorder();
        bus.subscribe(live);
        try (RecordingWriter writer = RecordingWriter.open(file, Map.of("test", "replay"), 64)) {
            bus.subscribe(writer);
            VirtualMesh mesh = new VirtualMesh(VirtualMesh.Options.of(11), bus);
            List<String> all = new ArrayList<>(List.of("Device_A"));
            for (int i = 0; i < 8; i++) {
                all.add("Phone_" + i);
            }
            for (int i = 0; i < 8; i++) {
                DeviceConfig c = DeviceConfig.simulated("Phone_" + i, i % 3 == 0, 0.1 + i * 0.05, 0.5, 90);
                c = new DeviceConfig(c.deviceId(), c.hasNpu(), "simulated", Map.of("cpu_load", 0.1 + i * 0.05, "noise", 0.1),
                        "simulated", Map.of(), 2, Duration.ofMillis(500), Duration.ofSeconds(60));
                mesh.add(c.deviceId(), new DeviceNode(c, PLUGINS.metrics(c.metrics()), PLUGINS.engine(c.slm())), all);
            }
            VirtualMesh.Node<Orchestrator> a = mesh.add("Device_A", new Orchestrator(
                    new Orchestrator.Settings(Duration.ofSeconds(1), Duration.ofSeconds(10)), new NpuFirstStrategy()), all);
            for (int i = 0; i < 30; i++) {
                int n = i;
                mesh.at(Duration.ofMillis(200L * i), () -> a.handler().submit(PromptRequest.of("prompt " + n)));
            }
            mesh.at(Duration.ofSeconds(2), () -> mesh.node("Phone_0").kill());
            mesh.runFor(Duration.ofMinutes(1));
        }
        return live.all();
    }

    @Test
    void theRecordingOfARealRunReadsBackEventForEvent() throws Exception {
        Path file = dir.resolve("run.jsonl");
        List<MeshEvent> live = recordedRun(file);
        Recording recording = RecordingReader.read(file);
        assertTrue(live.size() > 500, "a real run: " + live.size());
        assertEquals(live, recording.events());
        assertEquals("replay", recording.header().metadata().get("test"));
    }

    @Test
    void theSameStrategyGivesTheRecordedWinners() throws Exception {
        Path file = dir.resolve("run.jsonl");
        recordedRun(file);
        List<Redecision> again = StrategyReplay.replay(RecordingReader.read(file).events(), new NpuFirstStrategy());
        assertEquals(30, again.size(), "every auction");
        for (Redecision r : again) {
            assertFalse(r.differs(), r.toString());
            assertEquals("npu-first", r.recordedStrategy());
        }
    }

    @Test
    void lowestCpuDiffersExactlyWhereTheRecordedWinnerWasNotTheLeastLoaded() throws Exception {
        Path file = dir.resolve("run.jsonl");
        List<MeshEvent> live = recordedRun(file);
        List<Redecision> again = StrategyReplay.replay(RecordingReader.read(file).events(), new LowestCpu());
        List<MeshEvent.AuctionClosed> auctions = live.stream().filter(MeshEvent.AuctionClosed.class::isInstance)
                .map(MeshEvent.AuctionClosed.class::cast).toList();
        int differing = 0;
        for (int i = 0; i < auctions.size(); i++) {
            Bid lowest = auctions.get(i).bids().stream().min(Comparator.comparingDouble(Bid::cpuLoadOrWorst)).orElseThrow();
            boolean expected = !lowest.deviceId().equals(auctions.get(i).selection().winner().deviceId());
            assertEquals(expected, again.get(i).differs(), again.get(i).toString());
            assertEquals(lowest.deviceId(), again.get(i).winner());
            differing += expected ? 1 : 0;
        }
        assertTrue(differing > 0 && differing < auctions.size(),
                "with Phone_0 (NPU, least loaded) alive the two agree, without it they differ: " + differing);
    }

    @Test
    void aStrategyThatThrowsOrPicksAStrangerIsReportedNotThrown() {
        MeshEvent.AuctionClosed closed = new MeshEvent.AuctionClosed(1, "A", "t", "npu-first", "x",
                List.of(B), new Selection(List.of(B), "r", "w"),
                io.meshbench.event.ClosedBy.ALL_BIDS, List.of());
        SelectionStrategy broken = new SelectionStrategy() {
            public String name() {
                return "broken";
            }

            public Selection select(List<Bid> bids) {
                throw new IllegalStateException("boom");
            }
        };
        Redecision r = StrategyReplay.redecide(closed, broken);
        assertTrue(r.failed() && r.differs());
        assertTrue(r.reason().contains("strategy broken failed: java.lang.IllegalStateException: boom"), r.reason());
    }
}
