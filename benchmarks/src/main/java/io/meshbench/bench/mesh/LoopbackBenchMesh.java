package io.meshbench.bench.mesh;

import io.meshbench.live.LiveNode;
import io.meshbench.net.PeerDirectory;
import io.meshbench.node.DeviceConfig;
import io.meshbench.node.DeviceNode;
import io.meshbench.plugin.PluginRegistry;
import io.meshbench.security.Mesh;
import io.meshbench.security.NodeSecurity;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Live nodes on loopback in this JVM, as {@code meshbench demo} runs them: real TCP, the wall clock;
 * plaintext, or TLS 1.3 within an ephemeral mesh (kept connections: the handshakes happen once, at
 * the first round trip, which JMH's warm-up takes).
 */
public final class LoopbackBenchMesh implements BenchMesh {

    private final LiveOrchestrator orchestrator;
    private final List<LiveNode<DeviceNode>> devices = new ArrayList<>();
    private final int peers;
    private final boolean secure;

    public LoopbackBenchMesh(int peers, PluginRegistry plugins) throws IOException {
        this(peers, plugins, false);
    }

    public LoopbackBenchMesh(int peers, PluginRegistry plugins, boolean secure) throws IOException {
        this.peers = peers;
        this.secure = secure;
        PeerDirectory directory = new PeerDirectory();
        List<String> ids = new ArrayList<>(List.of(Devices.ORCHESTRATOR));
        Devices.configs(peers).forEach(c -> ids.add(c.deviceId()));
        Mesh mesh = secure ? Mesh.create("bench", ids, List.of()) : null;
        orchestrator = new LiveOrchestrator(directory, Devices.ORCHESTRATOR, "127.0.0.1", 0,
                secure ? NodeSecurity.of(mesh, Devices.ORCHESTRATOR) : NodeSecurity.insecure());
        directory.put(new PeerDirectory.Peer(Devices.ORCHESTRATOR, "127.0.0.1", orchestrator.port()));
        InstantSlm slm = new InstantSlm();
        try {
            for (DeviceConfig config : Devices.configs(peers)) {
                LiveNode<DeviceNode> node = new LiveNode<>(config.deviceId(),
                        new DeviceNode(config, plugins.metrics(config.metrics()), slm), directory, orchestrator.bus,
                        secure ? LiveNode.Options.loopback(0).withSecurity(NodeSecurity.of(mesh, config.deviceId()))
                                : LiveNode.Options.loopback(0)).start();
                devices.add(node);
                directory.put(new PeerDirectory.Peer(config.deviceId(), "127.0.0.1", node.port()));
            }
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    /** The orchestrator, for tests that watch its events. */
    LiveOrchestrator orchestrator() {
        return orchestrator;
    }

    @Override
    public String describe() {
        return "loopback, one JVM, " + peers + " peers" + (secure ? ", TLS 1.3 (mutual, kept connections)" : ", plaintext");
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
