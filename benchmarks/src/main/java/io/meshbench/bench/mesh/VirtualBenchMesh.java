package io.meshbench.bench.mesh;

import io.meshbench.auction.NpuFirstStrategy;
import io.meshbench.auction.Orchestrator;
import io.meshbench.auction.PromptRequest;
import io.meshbench.event.EventBus;
import io.meshbench.node.DeviceConfig;
import io.meshbench.node.DeviceNode;
import io.meshbench.plugin.PluginRegistry;
import io.meshbench.sim.NetworkModel;
import io.meshbench.sim.VirtualMesh;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The state machines alone: orchestrator and devices in virtual time, messages passed as objects
 * with no latency, so a round trip costs only the machines' own work and the event queue.
 * Single-threaded: {@link #submit} runs the mesh until the round trip ends.
 */
public final class VirtualBenchMesh implements BenchMesh {

    private final VirtualMesh mesh;
    private final VirtualMesh.Node<Orchestrator> orchestrator;
    private final Pending pending = new Pending();
    private final int peers;

    public VirtualBenchMesh(int peers, PluginRegistry plugins) {
        this.peers = peers;
        EventBus bus = new EventBus();
        bus.subscribe(pending);
        NetworkModel instant = new NetworkModel(Duration.ZERO, Duration.ZERO, 0, Duration.ofSeconds(3));
        mesh = new VirtualMesh(new VirtualMesh.Options(1, instant, false, false, 0), bus);
        List<DeviceConfig> configs = Devices.configs(peers);
        List<String> everyone = new ArrayList<>();
        everyone.add(Devices.ORCHESTRATOR);
        configs.forEach(c -> everyone.add(c.deviceId()));
        InstantSlm slm = new InstantSlm();
        for (DeviceConfig config : configs) {
            mesh.add(config.deviceId(), new DeviceNode(config, plugins.metrics(config.metrics()), slm), everyone);
        }
        orchestrator = mesh.add(Devices.ORCHESTRATOR, new Orchestrator(Orchestrator.Settings.SEED,
                new NpuFirstStrategy()), everyone);
    }

    @Override
    public String describe() {
        return "virtual time, " + peers + " peers";
    }

    @Override
    public int peers() {
        return peers;
    }

    @Override
    public CompletableFuture<String> submit(Phase phase) {
        CompletableFuture<String> answer = new CompletableFuture<>();
        mesh.at(Duration.ZERO, () -> pending.await(orchestrator.handler().submit(PromptRequest.of(Devices.PROMPT)),
                phase, answer));
        while (!answer.isDone() && mesh.step()) {
            // each step is one delivery or timer; the devices' metric samplers keep the queue non-empty
        }
        return answer;
    }

    @Override
    public void close() {
        pending.abandon("the mesh closed");
    }
}
