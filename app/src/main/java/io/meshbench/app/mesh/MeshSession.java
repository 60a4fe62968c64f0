package io.meshbench.app.mesh;

import io.meshbench.auction.Orchestrator;
import io.meshbench.auction.PromptRequest;
import io.meshbench.event.EventBus;
import io.meshbench.live.LiveNode;
import io.meshbench.live.LocalMesh;
import io.meshbench.net.LineServer;
import io.meshbench.net.PeerDirectory;
import io.meshbench.node.DeviceConfig;
import io.meshbench.node.DeviceNode;
import io.meshbench.plugin.PluginRegistry;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The mesh the workbench shows and drives, without any JavaFX: either a simulated mesh in this
 * process (a {@link LocalMesh} whose nodes can be added, killed, revived and removed) or an
 * orchestrator in this process attached to a mesh described by a peers file. Every action that
 * may block (starting or stopping a node) is meant to be called off the UI thread.
 */
public final class MeshSession implements AutoCloseable {

    private final EventBus bus;
    private final PluginRegistry plugins;
    private final LocalMesh mesh;
    private final LiveNode<Orchestrator> orchestrator;
    private final PeerDirectory directory;
    private final String description;

    private MeshSession(EventBus bus, PluginRegistry plugins, LocalMesh mesh, LiveNode<Orchestrator> orchestrator,
                        PeerDirectory directory, String description) {
        this.bus = bus;
        this.plugins = plugins;
        this.mesh = mesh;
        this.orchestrator = orchestrator;
        this.directory = directory;
        this.description = description;
    }

    /** A simulated mesh of {@code devices} and an orchestrator, all in this process on loopback. */
    public static MeshSession simulated(EventBus bus, PluginRegistry plugins, List<DeviceConfig> devices,
                                        String orchestratorId, Orchestrator orchestrator) throws IOException {
        LocalMesh mesh = LocalMesh.start(bus, plugins, devices, orchestratorId, orchestrator, true);
        return new MeshSession(bus, plugins, mesh, mesh.orchestrator(), mesh.directory(),
                "simulated mesh on loopback · secure (TLS 1.3, ephemeral mesh)");
    }

    /**
     * An orchestrator in this process, listening where the peers file puts {@code orchestratorId},
     * attached to the devices the file lists.
     */
    public static MeshSession attached(EventBus bus, PluginRegistry plugins, PeerDirectory directory, String source,
                                       String orchestratorId, Orchestrator orchestrator) throws IOException {
        return attached(bus, plugins, directory, source, orchestratorId, orchestrator,
                io.meshbench.security.NodeSecurity.insecure());
    }

    /** As above, its links protected as {@code security} says. */
    public static MeshSession attached(EventBus bus, PluginRegistry plugins, PeerDirectory directory, String source,
                                       String orchestratorId, Orchestrator orchestrator,
                                       io.meshbench.security.NodeSecurity security) throws IOException {
        PeerDirectory.Peer self = directory.find(orchestratorId).orElseThrow(() -> new IllegalArgumentException(
                "peers file " + source + " has no line for the orchestrator " + orchestratorId + "; add \""
                        + orchestratorId + " HOST PORT\" (where the devices can reach this machine) or pick "
                        + "another id with --id"));
        // every interface: the devices of a peers file reach the orchestrator over the network
        LiveNode.Options options = new LiveNode.Options("0.0.0.0", self.port(), LineServer.Limits.DEFAULT,
                Duration.ofSeconds(3), System.nanoTime(), security);
        LiveNode<Orchestrator> node = new LiveNode<>(orchestratorId, orchestrator, directory, bus, options).start();
        return new MeshSession(bus, plugins, null, node, directory, "attached to " + source
                + (security.secure() ? " · secure (mesh " + security.mesh().orElseThrow().name() + ")"
                : " · INSECURE: plaintext links"));
    }

    public EventBus bus() {
        return bus;
    }

    /** Whether the devices run in this process (and can be added, killed and revived). */
    public boolean simulated() {
        return mesh != null;
    }

    public String description() {
        return description;
    }

    public String orchestratorId() {
        return orchestrator.id();
    }

    /** The orchestrator first, then every device in peer-list order. */
    public List<DeviceInfo> devices() {
        List<DeviceInfo> all = new ArrayList<>();
        all.add(new DeviceInfo(orchestrator.id(), null, true, true));
        for (String id : directory.ids()) {
            if (id.equals(orchestrator.id())) {
                continue;
            }
            Boolean npu = mesh == null ? null
                    : mesh.device(id).map(d -> d.handler().config().hasNpu()).orElse(null);
            all.add(new DeviceInfo(id, npu, false, mesh != null));
        }
        return all;
    }

    /** Starts an auction; the future gives its task id. */
    public CompletableFuture<String> submit(PromptRequest request) {
        return orchestrator.call(o -> o.submit(request));
    }

    public List<String> strategyNames() {
        return plugins.strategyNames();
    }

    public String strategyName() {
        return orchestrator.handler().strategy().name();
    }

    /** Switches the orchestrator's strategy, on its own thread. */
    public CompletableFuture<Void> setStrategy(String name) {
        var strategy = plugins.strategy(name);
        return orchestrator.call(o -> {
            o.setStrategy(strategy);
            return null;
        });
    }

    /** Starts one more simulated device (blocks until it listens). */
    public void addDevice(DeviceConfig config) throws IOException {
        requireSimulated("add a device");
        if (directory.find(config.deviceId()).isPresent()) {
            throw new IllegalArgumentException("device id " + config.deviceId() + " is taken; pick another");
        }
        mesh.addDevice(bus, plugins, config);
    }

    /** A device id not yet in the mesh, e.g. {@code Device_D}, then {@code Device_E}, then {@code Device_27}. */
    public String freeId() {
        for (int i = 3; ; i++) {
            String id = i < 26 ? "Device_" + (char) ('A' + i) : "Device_" + (i + 1);
            if (directory.find(id).isEmpty()) {
                return id;
            }
        }
    }

    /** Crashes a device: it stays in the peer list but no longer answers. */
    public void kill(String id) {
        requireSimulated("kill a device");
        mesh.kill(requireDevice(id));
    }

    public void revive(String id) throws IOException {
        requireSimulated("revive a device");
        mesh.revive(bus, plugins, requireDevice(id));
    }

    public void remove(String id) {
        requireSimulated("remove a device");
        mesh.removeDevice(requireDevice(id));
    }

    /** Whether a local device node is running (false once killed). */
    public boolean running(String id) {
        return mesh != null && mesh.device(id).map(LiveNode::running).orElse(false);
    }

    private String requireDevice(String id) {
        if (mesh.device(id).isEmpty()) {
            throw new IllegalArgumentException("no device " + id + " in this mesh; pick one from the list");
        }
        return id;
    }

    private void requireSimulated(String action) {
        if (mesh == null) {
            throw new IllegalStateException("cannot " + action + " of a mesh this workbench is only attached to ("
                    + description + "); start the workbench without --peers for a simulated mesh");
        }
    }

    /** The local device nodes (for the load generator and tests). */
    public List<LiveNode<DeviceNode>> localDevices() {
        return mesh == null ? List.of() : mesh.devices();
    }

    @Override
    public void close() {
        if (mesh != null) {
            mesh.close();
        } else {
            orchestrator.close();
        }
    }
}
