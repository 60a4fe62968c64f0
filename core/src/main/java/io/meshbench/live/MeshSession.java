package io.meshbench.live;

import io.meshbench.auction.Orchestrator;
import io.meshbench.auction.PromptRequest;
import io.meshbench.event.EventBus;
import io.meshbench.net.PeerDirectory;
import io.meshbench.node.DeviceConfig;
import io.meshbench.node.DeviceNode;
import io.meshbench.plugin.PluginRegistry;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A mesh driven from this process, the one the window and {@code meshbench serve} show: either a
 * simulated mesh here (a {@link LocalMesh} whose nodes can be added, killed, revived and removed)
 * or an orchestrator here attached to a mesh described by a peers file. Its events go to the one
 * {@link EventBus} every view reads. Actions that may block (starting or stopping a node) are meant
 * to be called off a UI thread.
 */
public final class MeshSession implements AutoCloseable {

    private final EventBus bus;
    private final PluginRegistry plugins;
    private final LocalMesh mesh;
    private final LiveNode<Orchestrator> orchestrator;
    private final PeerDirectory directory;
    private final String description;
    private final double slmSpeed;

    /**
     * What is known of a device before it has been heard from.
     *
     * @param hasNpu       whether it has an NPU; {@code null} for a remote device that has not bid yet
     * @param orchestrator whether it is the mesh's orchestrator
     * @param local        whether it runs in this process (and so can be killed, revived and removed)
     */
    public record Device(String id, Boolean hasNpu, boolean orchestrator, boolean local) {
    }

    /** No device of that id in this mesh. */
    public static final class UnknownDevice extends java.util.NoSuchElementException {
        UnknownDevice(String id) {
            super("no device " + id + " in this mesh; the list of devices has the ids there are");
        }
    }

    /** An action the mesh cannot take as it is: an id taken, a device still running, a mesh only attached to. */
    public static final class Refused extends IllegalStateException {
        Refused(String message) {
            super(message);
        }
    }

    private MeshSession(EventBus bus, PluginRegistry plugins, LocalMesh mesh, LiveNode<Orchestrator> orchestrator,
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
    public static MeshSession simulated(EventBus bus, PluginRegistry plugins, List<DeviceConfig> devices,
                                        String orchestratorId, Orchestrator orchestrator) throws IOException {
        return simulated(bus, plugins, devices, orchestratorId, orchestrator, 1);
    }

    /** As {@link #simulated(EventBus, PluginRegistry, List, String, Orchestrator)}; devices added later get {@code slmSpeed}. */
    public static MeshSession simulated(EventBus bus, PluginRegistry plugins, List<DeviceConfig> devices,
                                        String orchestratorId, Orchestrator orchestrator, double slmSpeed)
            throws IOException {
        LocalMesh mesh = LocalMesh.start(bus, plugins, devices, orchestratorId, orchestrator, true);
        return new MeshSession(bus, plugins, mesh, mesh.orchestrator(), mesh.directory(),
                "simulated mesh on loopback · secure (TLS 1.3)",
                slmSpeed);
    }

    /**
     * The original design's Device_B (NPU) and Device_C (CPU only), then {@code extra} more simulated
     * devices of the stock profiles in turn (Device_D, Device_E, ...), their simulated model
     * {@code slmSpeed} times a phone's pace.
     */
    public static List<DeviceConfig> demoDevices(int extra, double slmSpeed) {
        List<DeviceConfig> devices = new ArrayList<>();
        for (DeviceConfig seed : LocalMesh.seedDevices()) {
            devices.add(slmSpeed == 1 ? seed : seed.withSlmConfig(java.util.Map.of("speed", slmSpeed)));
        }
        DeviceProfile[] profiles = DeviceProfile.values();
        for (int i = 0; i < extra; i++) {
            devices.add(profiles[i % profiles.length].config(idAt(i + 3), slmSpeed));
        }
        return devices;
    }

    /** The demo's mesh ({@link #demoDevices}) with an orchestrator, all in this process on loopback. */
    public static MeshSession demo(EventBus bus, PluginRegistry plugins, int extra, double slmSpeed,
                                   String orchestratorId, Orchestrator orchestrator) throws IOException {
        return simulated(bus, plugins, demoDevices(extra, slmSpeed), orchestratorId, orchestrator, slmSpeed);
    }

    /** Device_A to Device_Z, then Device_27, ... */
    private static String idAt(int index) {
        return index < 26 ? "Device_" + (char) ('A' + index) : "Device_" + (index + 1);
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
        LiveNode.Options options = LiveNode.Options.listen(self.port()).host(LiveNode.Options.EVERY_INTERFACE)
                .security(security).build();
        LiveNode<Orchestrator> node = new LiveNode<>(orchestratorId, orchestrator, directory, bus, options).start();
        return new MeshSession(bus, plugins, null, node, directory, "orchestrator attached to " + source
                + (security.secure() ? " · secure (mesh " + security.mesh().orElseThrow().name() + ")"
                : " · INSECURE: plaintext links"), 1);
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
    public List<Device> devices() {
        List<Device> all = new ArrayList<>();
        all.add(new Device(orchestrator.id(), null, true, true));
        for (String id : directory.ids()) {
            if (id.equals(orchestrator.id())) {
                continue;
            }
            Boolean npu = mesh == null ? null
                    : mesh.device(id).map(d -> d.handler().config().hasNpu()).orElse(null);
            all.add(new Device(id, npu, false, mesh != null));
        }
        return all;
    }

    /** How the orchestrator's link to each peer it has heard from is protected (TLS, HMAC or plaintext). */
    public java.util.Map<String, io.meshbench.security.LinkKind> links() {
        return orchestrator.links();
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

    /** Switches the orchestrator's strategy, on its own thread; an unknown name is refused at once. */
    public CompletableFuture<Void> setStrategy(String name) {
        if (!plugins.strategyNames().contains(name)) {
            throw new IllegalArgumentException("is \"" + name + "\", not one of " + plugins.strategyNames());
        }
        var strategy = plugins.strategy(name);
        return orchestrator.call(o -> {
            o.setStrategy(strategy);
            return null;
        });
    }

    /** Starts one more simulated device (blocks until it listens). */
    public synchronized void addDevice(DeviceConfig config) throws IOException {
        requireSimulated("add a device");
        if (directory.find(config.deviceId()).isPresent()) {
            throw new Refused("device id " + config.deviceId() + " is taken; pick another, or none for a free one");
        }
        mesh.addDevice(bus, plugins, config);
    }

    /** Starts one more simulated device of {@code profile}, named {@code id} or a free id when null; its id. */
    public synchronized String addDevice(DeviceProfile profile, String id) throws IOException {
        String chosen = id == null ? freeId() : id;
        addDevice(profile.config(chosen, slmSpeed));
        return chosen;
    }

    /** A device id not yet in the mesh, e.g. {@code Device_D}, then {@code Device_E}, then {@code Device_27}. */
    public String freeId() {
        for (int i = 3; ; i++) {
            String id = idAt(i);
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
            throw new Refused("device " + id + " is running; kill it before reviving it");
        }
        mesh.revive(bus, plugins, device);
    }

    public void remove(String id) {
        requireSimulated("remove a device");
        mesh.removeDevice(requireDevice(id));
    }

    /** Whether a local device node is running (false once killed). */
    public boolean running(String id) {
        return mesh != null && mesh.device(id).map(LiveNode::running).orElse(false);
    }

    /** How many tasks the local devices take at once (0 for an attached mesh: unknown). */
    public int localCapacity() {
        return mesh == null ? 0 : mesh.devices().stream().mapToInt(d -> d.handler().config().maxTasks()).sum();
    }

    private String requireDevice(String id) {
        if (mesh.device(id).isEmpty()) {
            throw new UnknownDevice(id);
        }
        return id;
    }

    private void requireSimulated(String action) {
        if (mesh == null) {
            throw new Refused("cannot " + action + " of a mesh that is only attached to (" + description
                    + "); only a simulated mesh (started without --peers) has devices to control");
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
