package io.meshbench.bench.jmh;

import io.meshbench.auction.Orchestrator;
import io.meshbench.auction.PromptRequest;
import io.meshbench.event.EventBus;
import io.meshbench.node.DeviceConfig;
import io.meshbench.node.DeviceNode;
import io.meshbench.plugin.PluginRegistry;
import io.meshbench.report.RunStats;
import io.meshbench.sim.NetworkModel;
import io.meshbench.sim.VirtualMesh;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code scenarios/scale-10k.yaml} in small: {@code meshes} meshes of ten simulated phones (three in
 * ten with an NPU, max_tasks 8, a metric sample every 5 s), each with its own orchestrator (bid
 * timeout 2 s, result timeout 60 s, no liveness) asked for one prompt a second for {@code seconds}
 * of virtual time, and the run's statistics folded as {@code scenario run} folds them. One operation
 * is the whole run, set-up to the last RESULT: {@code meshes * seconds} full auctions. Run it with
 * {@code -prof gc}: the bytes allocated per operation do not depend on the machine's load, so they
 * compare two builds on a busy machine where the time cannot.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class VirtualScaleBenchmark {

    private static final Duration SAMPLE_INTERVAL = Duration.ofSeconds(5);
    private static final Duration RESULT_TIMEOUT = Duration.ofSeconds(60);

    @Param({"100"})
    public int meshes;

    @Param({"60"})
    public int seconds;

    private PluginRegistry plugins;

    @Setup
    public void plugins() {
        plugins = PluginRegistry.fromClassPath();
    }

    /** Runs the meshes and returns the tasks completed (all of them, or the run is broken). */
    @Benchmark
    public long auctions() {
        EventBus bus = new EventBus();
        RunStats stats = new RunStats();
        bus.subscribe(stats);
        NetworkModel lan = new NetworkModel(Duration.ofMillis(2), Duration.ofMillis(1), 0, Duration.ofSeconds(3));
        VirtualMesh mesh = new VirtualMesh(new VirtualMesh.Options(10_000, lan, false, false, 0), bus);
        Orchestrator.Settings settings = new Orchestrator.Settings(Duration.ofSeconds(2), RESULT_TIMEOUT);
        for (int m = 1; m <= meshes; m++) {
            List<String> peers = new ArrayList<>(11);
            String orchestratorId = "Device_A_" + m;
            peers.add(orchestratorId);
            List<DeviceConfig> configs = new ArrayList<>(10);
            for (int d = 0; d < 10; d++) {
                boolean npu = d < 3;
                String id = (npu ? "Npu_" : "Cpu_") + m + "_" + d;
                peers.add(id);
                configs.add(new DeviceConfig(id, npu, DeviceConfig.DEFAULT_METRICS,
                        Map.of("cpu_load", npu ? 0.30 : 0.20), DeviceConfig.DEFAULT_SLM, Map.of(), 8,
                        SAMPLE_INTERVAL, RESULT_TIMEOUT));
            }
            for (DeviceConfig config : configs) {
                mesh.add(config.deviceId(), new DeviceNode(config, plugins.metrics(config.metrics()),
                        plugins.engine(config.slm())), peers);
            }
            VirtualMesh.Node<Orchestrator> orchestrator = mesh.add(orchestratorId,
                    new Orchestrator(settings, plugins.strategy("npu-first")), peers);
            for (int s = 1; s <= seconds; s++) {
                mesh.at(Duration.ofSeconds(s), () -> orchestrator.handler().submit(
                        PromptRequest.of("Describe a beautiful sunset over the ocean")));
            }
        }
        mesh.runFor(Duration.ofSeconds(seconds).plus(RESULT_TIMEOUT));
        if (stats.completed() != (long) meshes * seconds) {
            throw new IllegalStateException("only " + stats.completed() + " of " + meshes * seconds
                    + " tasks completed: the virtual mesh is broken");
        }
        return stats.completed();
    }
}
