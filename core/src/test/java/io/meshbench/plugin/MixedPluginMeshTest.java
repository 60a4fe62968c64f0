package io.meshbench.plugin;

import io.meshbench.auction.Orchestrator;
import io.meshbench.auction.PromptRequest;
import io.meshbench.event.EventBus;
import io.meshbench.event.MeshEvent;
import io.meshbench.live.LocalMesh;
import io.meshbench.node.DeviceConfig;
import io.meshbench.plugin.api.Bid;
import io.meshbench.testing.EventRecorder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Meshes over real loopback TCP whose nodes mix plugins: bundled ones (simulated profile, procfs,
 * process) and ones loaded from jars built on the fly (metrics, engine, strategy).
 */
class MixedPluginMeshTest {

    @TempDir
    Path dir;

    private final EventBus bus = new EventBus();
    private final EventRecorder events = new EventRecorder();
    private LocalMesh mesh;

    @AfterEach
    void stop() {
        if (mesh != null) {
            mesh.close();
        }
    }

    private PluginRegistry registry() throws Exception {
        Path jars = Files.createDirectories(dir.resolve("plugins"));
        TestPlugins.goodStrategy(jars);
        TestPlugins.goodMetrics(jars);
        TestPlugins.goodEngine(jars);
        PluginRegistry registry = PluginRegistry.load(List.of(jars), List.of());
        assertEquals(List.of(), registry.problems());
        return registry;
    }

    private static DeviceConfig device(String id, boolean npu, String metrics, Map<String, Object> metricsConfig,
                                       String slm, Map<String, Object> slmConfig) {
        return new DeviceConfig(id, npu, metrics, metricsConfig, slm, slmConfig, 4, Duration.ofMillis(100),
                Duration.ofSeconds(30));
    }

    private MeshEvent.TaskCompleted roundTrip(PluginRegistry registry, String strategy, List<DeviceConfig> devices) throws Exception {
        bus.subscribe(events);
        mesh = LocalMesh.start(bus, registry, devices, "Device_A",
                new Orchestrator(Orchestrator.Settings.SEED, registry.strategy(strategy)));
        // Let every node take its first samples (procfs needs two readings for a CPU load).
        for (DeviceConfig d : devices) {
            events.await(MeshEvent.MetricSampled.class, e -> e.node().equals(d.deviceId()) && e.cpuLoad() >= 0);
        }
        String task = mesh.orchestrator().call(o -> o.submit(PromptRequest.of("describe a sunset"))).join();
        return events.await(MeshEvent.TaskCompleted.class, e -> e.taskId().equals(task), Duration.ofSeconds(30));
    }

    @Test
    void aJarStrategyPicksAJarEngineOnADeviceWithJarMetrics() throws Exception {
        PluginRegistry registry = registry();
        MeshEvent.TaskCompleted done = roundTrip(registry, "most-battery", List.of(
                device("Device_B", true, "simulated", Map.of("profile", "flagship-npu", "battery", 20),
                        "simulated", Map.of("profile", "flagship-npu", "speed", 50)),
                device("Device_D", false, "fixed-load", Map.of("cpu", 0.3), "upper", Map.of("ms", 10))));
        assertEquals("Device_D", done.device(), "battery 50 beats 20");
        assertEquals("completed", done.status());
        assertEquals("UPPER DESCRIBE A SUNSET", done.output());
        MeshEvent.AuctionClosed closed = events.await(MeshEvent.AuctionClosed.class, e -> e.taskId().equals(done.taskId()));
        assertEquals("most-battery", closed.strategy());
        Bid d = closed.bids().stream().filter(b -> b.deviceId().equals("Device_D")).findFirst().orElseThrow();
        assertEquals(0.3, d.cpuLoad().getAsDouble(), "the jar's metric source answered the bid");
    }

    @Test
    void procfsMetricsAndAProcessEngineBesideASimulatedProfile() throws Exception {
        Path script = dir.resolve("run_slm.sh");
        Files.writeString(script, "#!/bin/sh\necho \"answer to: $(cat \"$1\")\"\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        PluginRegistry registry = registry();
        MeshEvent.TaskCompleted done = roundTrip(registry, "npu-first", List.of(
                device("Device_B", false, "simulated", Map.of("profile", "budget"), "simulated", Map.of("profile", "budget")),
                device("Device_C", true, "procfs", Map.of("window_ms", 200), "process",
                        Map.of("command", List.of(script.toString(), "{prompt_file}"), "prompt_via", "file")),
                device("Device_D", false, "fixed-load", Map.of(), "upper", Map.of())));
        assertEquals("Device_C", done.device(), "the only NPU device");
        assertEquals("answer to: describe a sunset\n", done.output());
        MeshEvent.AuctionClosed closed = events.await(MeshEvent.AuctionClosed.class, e -> e.taskId().equals(done.taskId()));
        Bid c = closed.bids().stream().filter(b -> b.deviceId().equals("Device_C")).findFirst().orElseThrow();
        assertTrue(c.cpuLoad().isPresent() && c.ramLoad().isPresent(), "procfs measured this machine: " + c);
        Bid b = closed.bids().stream().filter(x -> x.deviceId().equals("Device_B")).findFirst().orElseThrow();
        assertEquals(65, b.battery().getAsInt(), 1, "the budget profile starts at 65%");
    }

    @Test
    void aGarbageStrategyFailsTheTaskNamingItsJarAndTheOrchestratorGoesOn() throws Exception {
        Path jars = Files.createDirectories(dir.resolve("bad"));
        Path ghost = TestPlugins.strategyDoing(jars, "ghost", """
                return new Selection(List.of(new Bid("Ghost", OptionalDouble.empty(), OptionalDouble.empty(), OptionalInt.empty(), true)),
                        "Ghost", "a device that never bid");""");
        PluginRegistry registry = PluginRegistry.load(List.of(jars), List.of());
        bus.subscribe(events);
        mesh = LocalMesh.start(bus, registry, LocalMesh.seedDevices(), "Device_A",
                new Orchestrator(Orchestrator.Settings.SEED, registry.strategy("ghost")));
        for (int i = 0; i < 2; i++) {
            String task = mesh.orchestrator().call(o -> o.submit(PromptRequest.of("hello"))).join();
            MeshEvent.TaskFailed failed = events.await(MeshEvent.TaskFailed.class, e -> e.taskId().equals(task));
            assertTrue(failed.reason().contains(ghost.toString()) && failed.reason().contains("picked Ghost, which did not bid"),
                    failed.reason());
        }
    }
}
