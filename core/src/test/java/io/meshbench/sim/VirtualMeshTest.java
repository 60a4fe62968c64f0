package io.meshbench.sim;

import io.meshbench.auction.NpuFirstStrategy;
import io.meshbench.auction.Orchestrator;
import io.meshbench.auction.PromptRequest;
import io.meshbench.event.EventBus;
import io.meshbench.event.MeshEvent;
import io.meshbench.live.LocalMesh;
import io.meshbench.node.DeviceConfig;
import io.meshbench.node.DeviceNode;
import io.meshbench.plugin.PluginRegistry;
import io.meshbench.testing.EventRecorder;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The same orchestrator and device state machines, driven in virtual time. */
class VirtualMeshTest {

    private static final PluginRegistry PLUGINS = PluginRegistry.fromClassPath();

    private static DeviceNode device(DeviceConfig config) {
        return new DeviceNode(config, PLUGINS.metrics(config.metrics()), PLUGINS.engine(config.slm()));
    }

    /** The seed's mesh; returns the orchestrator's node. */
    private static VirtualMesh.Node<Orchestrator> seedMesh(VirtualMesh mesh) {
        List<String> all = List.of("Device_A", "Device_B", "Device_C");
        for (DeviceConfig config : LocalMesh.seedDevices()) {
            mesh.add(config.deviceId(), device(config), all);
        }
        return mesh.add("Device_A", new Orchestrator(Orchestrator.Settings.SEED, new NpuFirstStrategy()), all);
    }

    @Test
    void theSeedMeshRunsInVirtualTimeWithoutWaiting() {
        EventBus bus = new EventBus();
        EventRecorder events = new EventRecorder();
        bus.subscribe(events);
        VirtualMesh mesh = new VirtualMesh(VirtualMesh.Options.of(42), bus);
        VirtualMesh.Node<Orchestrator> a = seedMesh(mesh);

        String task = a.handler().submit(PromptRequest.of("Describe a sunset"));
        long started = System.nanoTime();
        mesh.runFor(Duration.ofMinutes(10));
        assertTrue(System.nanoTime() - started < Duration.ofSeconds(5).toNanos(), "ten virtual minutes pass at once");

        MeshEvent.TaskCompleted done = events.all(MeshEvent.TaskCompleted.class).getFirst();
        assertEquals(task, done.taskId());
        assertEquals("Device_B", done.device());
        // 2 ms ± 1 ms each way: bidding closes within one round trip, far before the 10 s deadline.
        assertTrue(done.timing().bidding() <= Duration.ofMillis(6).toNanos(), done.timing().toString());
        // The modelled run: 5 prompt tokens at 400/s on the NPU plus 24 tokens at 30/s.
        long modelled = Duration.ofNanos((long) ((5 / 400.0 + 24 / 30.0) * 1e9)).toNanos();
        MeshEvent.TaskExecuted executed = events.all(MeshEvent.TaskExecuted.class).getFirst();
        assertEquals(modelled, executed.elapsedNanos());
        MeshEvent.MessageReceived wire = events.all(MeshEvent.MessageReceived.class).stream()
                .filter(e -> e.type().equals("TASK")).findFirst().orElseThrow();
        assertTrue(wire.line().startsWith("TASK|Device_A|{\"task_id\": \"" + task + "\""), wire.line());
    }

    /** A run with loss, jitter, a partition and a crash; returns every event as text. */
    private static List<String> faultyRun(long seed) {
        EventBus bus = new EventBus();
        List<String> log = new ArrayList<>();
        bus.subscribe(e -> log.add(e.toString()));
        NetworkModel network = new NetworkModel(Duration.ofMillis(5), Duration.ofMillis(20), 0.05, Duration.ofSeconds(3));
        VirtualMesh mesh = new VirtualMesh(new VirtualMesh.Options(seed, network, true, true, 0), bus);
        List<String> all = new ArrayList<>(List.of("Device_A"));
        for (int i = 0; i < 8; i++) {
            all.add("Phone_" + i);
        }
        for (int i = 0; i < 8; i++) {
            DeviceConfig config = DeviceConfig.simulated("Phone_" + i, i % 3 == 0, 0.1 + i * 0.05, 0.5, 90);
            config = new DeviceConfig(config.deviceId(), config.hasNpu(), "simulated",
                    java.util.Map.of("cpu_load", 0.1 + i * 0.05, "noise", 0.1), "simulated", java.util.Map.of(),
                    2, Duration.ofMillis(500), Duration.ofSeconds(60));
            mesh.add(config.deviceId(), device(config), all);
        }
        VirtualMesh.Node<Orchestrator> a = mesh.add("Device_A", new Orchestrator(
                new Orchestrator.Settings(Duration.ofSeconds(1), Duration.ofSeconds(10)), new NpuFirstStrategy()), all);
        for (int i = 0; i < 40; i++) {
            int n = i;
            mesh.at(Duration.ofMillis(250L * i), () -> a.handler().submit(PromptRequest.of("prompt " + n)));
        }
        mesh.at(Duration.ofSeconds(2), () -> mesh.node("Phone_0").kill());
        mesh.at(Duration.ofSeconds(3), () -> mesh.network().partition("Phone_3", 1));
        mesh.at(Duration.ofSeconds(6), () -> mesh.network().heal());
        mesh.runFor(Duration.ofMinutes(2));
        return log;
    }

    @Test
    void theSameSeedGivesTheSameEventsBitForBit() {
        List<String> first = faultyRun(7);
        List<String> second = faultyRun(7);
        assertTrue(first.size() > 1000, "a real run: " + first.size() + " events");
        assertEquals(first, second);
        assertNotEquals(first, faultyRun(8), "another seed, another run");
    }

    @Test
    void everyTaskEndsExactlyOnceAndOnlyWinnersAreHeard() {
        EventBus bus = new EventBus();
        EventRecorder events = new EventRecorder();
        bus.subscribe(events);
        VirtualMesh mesh = new VirtualMesh(VirtualMesh.Options.of(3), bus);
        VirtualMesh.Node<Orchestrator> a = seedMesh(mesh);
        List<String> tasks = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            int n = i;
            mesh.at(Duration.ofMillis(100L * i), () -> tasks.add(a.handler().submit(PromptRequest.of("p" + n))));
        }
        mesh.at(Duration.ofMillis(950), () -> mesh.node("Device_B").kill());
        mesh.runFor(Duration.ofMinutes(10));

        Set<String> ended = new HashSet<>();
        for (MeshEvent e : events.all()) {
            String id = e instanceof MeshEvent.TaskCompleted c ? c.taskId()
                    : e instanceof MeshEvent.TaskFailed f ? f.taskId() : null;
            if (id != null) {
                assertTrue(ended.add(id), "ended twice: " + id);
            }
        }
        assertEquals(new HashSet<>(tasks), ended, "no task lost");
        for (MeshEvent.TaskCompleted c : events.all(MeshEvent.TaskCompleted.class)) {
            MeshEvent.TaskAssigned assigned = events.all(MeshEvent.TaskAssigned.class).stream()
                    .filter(t -> t.taskId().equals(c.taskId())).reduce((x, y) -> y).orElseThrow();
            assertEquals(assigned.device(), c.device(), "result accepted only from the device that won");
        }
        assertTrue(events.all(MeshEvent.TaskFailed.class).stream().anyMatch(f -> f.reason().contains("Device_B")),
                "tasks on the killed Device_B fail with a reason naming it");
    }
}
