package io.meshbench.live;

import io.meshbench.auction.Orchestrator;
import io.meshbench.event.EventBus;
import io.meshbench.net.PeerDirectory;
import io.meshbench.node.DeviceConfig;
import io.meshbench.node.DeviceNode;
import io.meshbench.plugin.PluginRegistry;
import io.meshbench.security.Mesh;
import io.meshbench.security.NodeSecurity;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A whole mesh in this process, on free loopback ports: device nodes and one orchestrator sharing
 * one peer directory. The demo, the tests and the workbench start meshes this way.
 */
public final class LocalMesh implements AutoCloseable {

    private final PeerDirectory directory = new PeerDirectory();
    // Changed while the mesh runs (the workbench adds, kills and revives nodes) and read from other threads.
    private final List<LiveNode<DeviceNode>> devices = new CopyOnWriteArrayList<>();
    private LiveNode<Orchestrator> orchestrator;
    /** The mesh whose certificates the nodes use, or {@code null} for plaintext; grows as devices are added. */
    private volatile Mesh mesh;

    private LocalMesh(Mesh mesh) {
        this.mesh = mesh;
    }

    /** The original design's mesh: Device_B with an NPU (CPU 45.2%, battery 85) and Device_C without (CPU 32.1%, battery 92). */
    public static List<DeviceConfig> seedDevices() {
        return List.of(
                DeviceConfig.simulated("Device_B", true, 0.452, 0.60, 85),
                DeviceConfig.simulated("Device_C", false, 0.321, 0.45, 92));
    }

    /** A mesh whose nodes speak the original plaintext format (as tests and benchmarks of it need). */
    public static LocalMesh start(EventBus bus, PluginRegistry plugins, List<DeviceConfig> configs,
                                  String orchestratorId, Orchestrator orchestrator) throws IOException {
        return start(bus, plugins, configs, orchestratorId, orchestrator, false);
    }

    /**
     * @param secure whether the nodes use an ephemeral mesh made here in memory (TLS 1.3 between them,
     *               nothing to configure), as demo and the window do; else plaintext
     */
    public static LocalMesh start(EventBus bus, PluginRegistry plugins, List<DeviceConfig> configs,
                                  String orchestratorId, Orchestrator orchestrator, boolean secure) throws IOException {
        LocalMesh mesh = new LocalMesh(secure ? Mesh.ephemeral(List.of(orchestratorId)) : null);
        try {
            for (DeviceConfig config : configs) {
                mesh.addDevice(bus, plugins, config);
            }
            mesh.orchestrator = new LiveNode<>(orchestratorId, orchestrator, mesh.directory, bus,
                    mesh.options(orchestratorId)).start();
            mesh.directory.put(new PeerDirectory.Peer(orchestratorId, "127.0.0.1", mesh.orchestrator.port()));
            return mesh;
        } catch (IOException | RuntimeException e) {
            mesh.close();
            throw e;
        }
    }

    private synchronized LiveNode.Options options(String id) {
        LiveNode.Options options = LiveNode.Options.loopback(0);
        if (mesh == null) {
            return options;
        }
        if (!mesh.holdsKeyOf(id)) {
            mesh = mesh.with(id, Mesh.Kind.TLS);
        }
        return options.withSecurity(NodeSecurity.of(mesh, id));
    }

    /** Whether the nodes speak TLS within an ephemeral mesh. */
    public boolean secure() {
        return mesh != null;
    }

    /** Starts one more device node and adds it to the directory. */
    public LiveNode<DeviceNode> addDevice(EventBus bus, PluginRegistry plugins, DeviceConfig config) throws IOException {
        DeviceNode node = new DeviceNode(config, plugins.metrics(config.metrics()), plugins.engine(config.slm()));
        LiveNode<DeviceNode> live = new LiveNode<>(config.deviceId(), node, directory, bus,
                options(config.deviceId())).start();
        devices.add(live);
        directory.put(new PeerDirectory.Peer(config.deviceId(), "127.0.0.1", live.port()));
        return live;
    }

    /**
     * Stops a device node as a crash would: its listener closes, but it stays in the peer list, so
     * the orchestrator keeps asking it and sees it unreachable. {@link #revive} brings it back.
     */
    public void kill(String deviceId) {
        device(deviceId).ifPresent(LiveNode::close);
    }

    /** Starts a killed device again under the same id, with the same config, on a new free port. */
    public LiveNode<DeviceNode> revive(EventBus bus, PluginRegistry plugins, String deviceId) throws IOException {
        LiveNode<DeviceNode> dead = device(deviceId).orElseThrow(() -> new IllegalArgumentException(
                "no device " + deviceId + " in this mesh; devices: " + ids()));
        dead.close();
        devices.remove(dead);
        return addDevice(bus, plugins, dead.handler().config());
    }

    /** Stops a device node and takes it off the peer list. */
    public void removeDevice(String deviceId) {
        device(deviceId).ifPresent(node -> {
            directory.remove(deviceId);
            node.close();
            devices.remove(node);
        });
    }

    /** The running or killed node of {@code deviceId}. */
    public Optional<LiveNode<DeviceNode>> device(String deviceId) {
        return devices.stream().filter(d -> d.id().equals(deviceId)).findFirst();
    }

    private List<String> ids() {
        return devices.stream().map(LiveNode::id).toList();
    }

    public PeerDirectory directory() {
        return directory;
    }

    public LiveNode<Orchestrator> orchestrator() {
        return orchestrator;
    }

    public List<LiveNode<DeviceNode>> devices() {
        return List.copyOf(devices);
    }

    @Override
    public void close() {
        if (orchestrator != null) {
            orchestrator.close();
        }
        devices.forEach(LiveNode::close);
    }
}
