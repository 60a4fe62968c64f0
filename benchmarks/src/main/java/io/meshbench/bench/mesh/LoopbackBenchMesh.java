package io.meshbench.bench.mesh;

import io.meshbench.live.LiveNode;
import io.meshbench.net.PeerDirectory;
import io.meshbench.node.DeviceConfig;
import io.meshbench.node.DeviceNode;
import io.meshbench.plugin.PluginRegistry;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Live nodes on loopback in this JVM, as {@code meshbench demo} runs them: real TCP, the wall clock. */
public final class LoopbackBenchMesh implements BenchMesh {

    private final LiveOrchestrator orchestrator;
    private final List<LiveNode<DeviceNode>> devices = new ArrayList<>();
    private final int peers;

    public LoopbackBenchMesh(int peers, PluginRegistry plugins) throws IOException {
        this.peers = peers;
        PeerDirectory directory = new PeerDirectory();
        orchestrator = new LiveOrchestrator(directory, Devices.ORCHESTRATOR, "127.0.0.1", 0);
        directory.put(new PeerDirectory.Peer(Devices.ORCHESTRATOR, "127.0.0.1", orchestrator.port()));
        InstantSlm slm = new InstantSlm();
        try {
            for (DeviceConfig config : Devices.configs(peers)) {
                LiveNode<DeviceNode> node = new LiveNode<>(config.deviceId(),
                        new DeviceNode(config, plugins.metrics(config.metrics()), slm), directory, orchestrator.bus,
                        LiveNode.Options.loopback(0)).start();
                devices.add(node);
                directory.put(new PeerDirectory.Peer(config.deviceId(), "127.0.0.1", node.port()));
            }
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    @Override
    public String describe() {
        return "loopback, one JVM, " + peers + " peers";
    }

    @Override
    public int peers() {
        return peers;
    }

    @Override
    public CompletableFuture<String> submit(Phase phase) {
        return orchestrator.submit(phase);
    }

    @Override
    public void close() {
        orchestrator.close();
        devices.forEach(LiveNode::close);
    }
}
