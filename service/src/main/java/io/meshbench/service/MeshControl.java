package io.meshbench.service;

import io.meshbench.auction.Orchestrator;
import io.meshbench.auction.PromptRequest;
import io.meshbench.event.EventBus;
import io.meshbench.live.LiveNode;
import io.meshbench.live.LocalMesh;
import io.meshbench.net.PeerDirectory;
import io.meshbench.node.DeviceConfig;
import io.meshbench.plugin.PluginRegistry;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The mesh the service drives: a simulated mesh in this process (whose devices can be added,
 * killed, revived and removed) or an orchestrator here attached to the devices of a peers file.
 * Its events go to the one {@link EventBus} everything else reads.
 */
public final class MeshControl implements AutoCloseable {

    private final EventBus bus;
    private final PluginRegistry plugins;
    private final LocalMesh mesh;
    private final LiveNode<Orchestrator> orchestrator;
    private final PeerDirectory directory;
    private final String description;
    private final double slmSpeed;

    private MeshControl(EventBus bus, PluginRegistry plugins, LocalMesh mesh, LiveNode<Orchestrator> orchestrator,
                        PeerDirectory directory, String description, double slmSpeed) {
        this.bus = bus;
        this.plugins = plugins;
        this.mesh = mesh;
        this.orchestrator = orchestrator;
        this.directory = directory;
        this.description = description;
        this.slmSpeed = slmSpeed;
    }

    /** A simulated mesh of {@code devices} and an orchestrator, all in this process on loopback. */
    public static MeshControl simulated(EventBus bus, PluginRegistry plugins, List<DeviceConfig> devices,
                                        String orchestratorId, Orchestrator orchestrator, double slmSpeed)
            throws IOException {
        LocalMesh mesh = LocalMesh.start(bus, plugins, devices, orchestratorId, orchestrator);
        return new MeshControl(bus, plugins, mesh, mesh.orchestrator(), mesh.directory(),
                "simulated mesh of " + devices.size() + " devices on loopback", slmSpeed);
    }

    /**
     * The demo's mesh: the original design's Device_B (NPU) and Device_C (CPU only), then
     * {@code extra} more simulated devices of the stock profiles in turn, their simulated model
     * {@code slmSpeed} times a phone's pace.
     */
    public static MeshControl demo(EventBus bus, PluginRegistry plugins, int extra, double slmSpeed,
                                   String orchestratorId, Orchestrator orchestrator) throws IOException {
        List<DeviceConfig> devices = new ArrayList<>();
        for (DeviceConfig seed : LocalMesh.seedDevices()) {
            devices.add(slmSpeed == 1 ? seed : seed.withSlmConfig(java.util.Map.of("speed", slmSpeed)));
        }
        DeviceProfile[] profiles = DeviceProfile.values();
        for (int i = 0; i < extra; i++) {
            String id = i + 3 < 26 ? "Device_" + (char) ('A' + i + 3) : "Device_" + (i + 4);
            devices.add(profiles[i % profiles.length].config(id, slmSpeed));
        }
        return simulated(bus, plugins, devices, orchestratorId, orchestrator, slmSpeed);
    }

    /**
     * An orchestrator here, listening where the peers file puts {@code orchestratorId}, attached to
     * the devices the file lists.
     */
    public static MeshControl attached(EventBus bus, PluginRegistry plugins, PeerDirectory directory, String source,
                                       String orchestratorId, Orchestrator orchestrator) throws IOException {
        PeerDirectory.Peer self = directory.find(orchestratorId).orElseThrow(() -> new IllegalArgumentException(
                "peers file " + source + " has no line for the orchestrator " + orchestratorId + "; add \""
                        + orchestratorId + " HOST PORT\" (where the devices can reach this machine) or pick "
                        + "another id with --id"));
        LiveNode.Options options = LiveNode.Options.listen(self.port()).host(LiveNode.Options.EVERY_INTERFACE).build();
        LiveNode<Orchestrator> node = new LiveNode<>(orchestratorId, orchestrator, directory, bus, options).start();
        return new MeshControl(bus, plugins, null, node, directory, "orchestrator attached to " + source, 1);
    }

    /** A device as the service first knows it. {@code hasNpu} is null for a remote device. */
    public record Device(String id, Boolean hasNpu, boolean orchestrator, boolean local) {
    }

    public EventBus bus() {
        return bus;
    }

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
    public List<Device> devices() {
        List<Device> all = new ArrayList<>();
        all.add(new Device(orchestrator.id(), null, true, true));
        for (String id : directory.ids()) {
            if (!id.equals(orchestrator.id())) {
                Boolean npu = mesh == null ? null : mesh.device(id).map(d -> d.handler().config().hasNpu()).orElse(null);
                all.add(new Device(id, npu, false, mesh != null));
            }
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

    /** Switches the orchestrator's strategy on its own thread; an unknown name is a 400. */
    public void setStrategy(String name) {
        if (!plugins.strategyNames().contains(name)) {
            throw ApiError.badField("strategy", "is \"" + name + "\", not one of " + plugins.strategyNames());
        }
        var strategy = plugins.strategy(name);
        orchestrator.call(o -> {
            o.setStrategy(strategy);
            return null;
        }).join();
    }

    /** Starts one more simulated device of {@code profile} (blocks until it listens); its id. */
    public String addDevice(DeviceProfile profile, String id) throws IOException {
        requireSimulated("add a device");
        synchronized (this) {
            String chosen = id == null ? freeId() : id;
            if (directory.find(chosen).isPresent()) {
                throw ApiError.conflict("device id " + chosen + " is taken; pick another or leave \"id\" out");
            }
            mesh.addDevice(bus, plugins, profile.config(chosen, slmSpeed));
            return chosen;
        }
    }

    private String freeId() {
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
        String device = requireDevice(id);
        if (running(device)) {
            throw ApiError.conflict("device " + id + " is running; kill it before reviving it");
        }
        mesh.revive(bus, plugins, device);
    }

    public void remove(String id) {
        requireSimulated("remove a device");
        mesh.removeDevice(requireDevice(id));
    }

    /** Whether a local device node is running (false once killed, and for a remote device). */
    public boolean running(String id) {
        return mesh != null && mesh.device(id).map(LiveNode::running).orElse(false);
    }

    /** How many tasks the local devices take at once (0 for an attached mesh: unknown). */
    public int localCapacity() {
        return mesh == null ? 0 : mesh.devices().stream().mapToInt(d -> d.handler().config().maxTasks()).sum();
    }

    private String requireDevice(String id) {
        if (mesh.device(id).isEmpty()) {
            throw ApiError.notFound("no device " + id + " in this mesh; GET /api/devices lists them");
        }
        return id;
    }

    private void requireSimulated(String action) {
        if (mesh == null) {
            throw ApiError.conflict("cannot " + action + " of a mesh this service is only attached to ("
                    + description + "); only a simulated mesh (meshbench serve without --peers) has devices to control");
        }
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
