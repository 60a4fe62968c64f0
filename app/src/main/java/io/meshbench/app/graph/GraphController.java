package io.meshbench.app.graph;

import io.meshbench.live.MeshSession;
import io.meshbench.event.MeshEvent;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.scene.Node;

import java.util.List;
import java.util.function.LongSupplier;

/**
 * The mesh graph: every device with its id, NPU badge and live load, the orchestrator in the
 * middle, each message animated along its edge, the latest winner highlighted and an unreachable
 * device greyed out.
 */
public final class GraphController {

    private final GraphModel model = new GraphModel();
    private final LongSupplier clock;
    private GraphView view;
    /** What the mesh knows of a device that started after the window opened (added with Ctrl+N). */
    private java.util.function.Function<String, Boolean> npuOf = id -> null;

    /** @param clock the animation clock, in nanoseconds (the frame time in the window) */
    public GraphController(List<MeshSession.Device> devices, LongSupplier clock) {
        this.clock = clock;
        for (MeshSession.Device info : devices) {
            GraphModel.Device device = model.device(info.id());
            device.npu = info.hasNpu();
            device.orchestrator = info.orchestrator();
            if (info.orchestrator()) {
                model.orchestratorId = info.id();
            }
            if (info.local()) {
                model.localNodes.add(info.id());
            }
        }
    }

    public Node view() {
        if (view == null) {
            view = new GraphView(model, this::inspect);
        }
        return view;
    }

    /** Redraws the animation for the frame at {@code now}. */
    public void onFrame(long now) {
        if (view != null) {
            view.draw(now);
        }
    }

    public void onEvents(List<MeshEvent> batch) {
        long now = clock.getAsLong();
        for (MeshEvent event : batch) {
            apply(event, now);
        }
        model.recount();
    }

    /**
     * Whether {@code id} is a node of this process that is running: its own start and stop say whether it is
     * up, and a failure the orchestrator reports late (sent while it was away) does not grey it again.
     */
    private boolean runningHere(String id) {
        return model.localNodes.contains(id) && !model.device(id).down;
    }

    private void apply(MeshEvent event, long now) {
        switch (event) {
            case MeshEvent.NodeStarted e -> {
                GraphModel.Device d = model.device(e.node());
                d.down = false;
                d.unreachable = false;
                d.orchestrator |= "orchestrator".equals(e.role());
                d.log(clock(e.time()) + " started at " + e.address());
                if (d.npu == null && !d.orchestrator) { // an added device: its profile says, before its first bid
                    d.npu = npuOf.apply(e.node());
                }
                if (!"shell-agent".equals(e.role())) { // a phone seen through its log samples no metrics here
                    model.localNodes.add(e.node());
                }
            }
            case MeshEvent.NodeStopped e -> {
                GraphModel.Device d = model.device(e.node());
                d.down = true;
                d.log(clock(e.time()) + " stopped");
            }
            case MeshEvent.MetricSampled e -> {
                GraphModel.Device d = model.device(e.node());
                d.cpu = e.cpuLoad();
                d.ram = e.ramLoad();
                d.battery = e.battery();
                if (d.npu == null && !d.orchestrator) { // started before the mesh listed it
                    d.npu = npuOf.apply(e.node());
                }
            }
            case MeshEvent.BidAccepted e -> {
                GraphModel.Device d = model.device(e.bid().deviceId());
                d.npu = e.bid().hasNpu();
                d.bids++;
                d.unreachable = false;
                if (!model.localNodes.contains(d.id)) { // a remote device's metrics come only with its bids
                    d.cpu = e.bid().cpuLoad().orElse(-1);
                    d.ram = e.bid().ramLoad().orElse(-1);
                    d.battery = e.bid().battery().orElse(-1);
                }
            }
            case MeshEvent.MessageSent e -> model.addFlight(new GraphModel.Flight(e.node(), e.peer(), e.type(), now));
            case MeshEvent.MessageReceived e -> {
                model.device(e.peer()).unreachable = false;
                if (!model.localNodes.contains(e.peer())) {
                    model.addFlight(new GraphModel.Flight(e.peer(), e.node(), e.type(), now));
                }
            }
            case MeshEvent.DeliveryFailed e -> {
                // A heartbeat's failure can be reported after the device is back (a heartbeat sent while
                // it was away), and heartbeat answers leave no event to clear it: the failure detector's
                // states (below) decide for heartbeats, any other message's failure greys at once.
                if (!"HEARTBEAT".equals(e.type())) {
                    model.device(e.peer()).unreachable = true;
                }
                model.device(e.peer()).log(clock(e.time()) + " not reachable: " + e.reason());
                model.addFlight(new GraphModel.Flight(e.node(), e.peer(), "ERROR", now));
            }
            case MeshEvent.InputRejected e -> model.addFlight(new GraphModel.Flight(e.node(), e.node(), "ERROR", now));
            case MeshEvent.PeerStateChanged e -> {
                model.device(e.peer()).log(clock(e.time()) + " " + e.node() + " sees it "
                        + e.state().name().toLowerCase(java.util.Locale.ROOT)
                        + (e.reason() == null || e.reason().isEmpty() ? "" : ": " + e.reason()));
                // heartbeats answered again (a revived device, a healed link): reachable, even if a
                // heartbeat to it failed while it was away
                if (e.state() == io.meshbench.event.PeerState.UP || e.state() == io.meshbench.event.PeerState.REJOINED) {
                    model.device(e.peer()).unreachable = false;
                } else if (e.state() == io.meshbench.event.PeerState.DOWN && !runningHere(e.peer())) {
                    model.device(e.peer()).unreachable = true;
                }
            }
            case MeshEvent.AuctionClosed e -> {
                model.winner.set(e.selection().winner().deviceId());
                model.winnerSince = now;
                GraphModel.Device d = model.device(e.selection().winner().deviceId());
                d.won++;
                d.log(clock(e.time()) + " won " + e.taskId() + " (" + e.selection().rule() + ")");
            }
            case MeshEvent.TaskCompleted e -> {
                GraphModel.Device d = model.device(e.device());
                d.completed++;
                d.log(clock(e.time()) + " finished " + e.taskId() + ": " + e.status());
                return;
            }
            case MeshEvent.TaskFailed e -> {
                return;
            }
            case MeshEvent.TaskExecuted e -> {
                if (e.status() != io.meshbench.plugin.api.SlmResult.Status.COMPLETED) {
                    GraphModel.Device d = model.device(e.node());
                    d.failed++;
                    d.log(clock(e.time()) + " task " + e.taskId() + " " + e.status()
                            + (e.error() == null ? "" : ": " + e.error()));
                }
                return;
            }
            case MeshEvent.NodeError e -> {
                model.device(e.node()).log(clock(e.time()) + " error: " + e.reason());
                return;
            }
            default -> {
                return;
            }
        }
        model.version++;
    }

    private static final java.time.format.DateTimeFormatter CLOCK = java.time.format.DateTimeFormatter
            .ofPattern("HH:mm:ss").withZone(java.time.ZoneId.systemDefault());

    private static String clock(long nanos) {
        return CLOCK.format(java.time.Instant.ofEpochSecond(0, nanos));
    }

    /** What the inspector shows of {@code id}: its metrics, bids, tasks, health and latest log lines. */
    public java.util.Optional<String> inspect(String id) {
        GraphModel.Device d = model.devices.get(id);
        if (d == null) {
            return java.util.Optional.empty();
        }
        StringBuilder out = new StringBuilder();
        out.append(d.id).append(d.orchestrator ? "  (orchestrator)" : d.npu == null ? "  (NPU not known yet)"
                : d.npu ? "  (has an NPU)" : "  (CPU only)").append('\n');
        out.append("health   ").append(d.down ? "down (killed or stopped)" : d.unreachable ? "unreachable"
                : "up").append('\n');
        out.append("CPU      ").append(percent(d.cpu)).append("   RAM ").append(percent(d.ram))
                .append("   battery ").append(d.battery < 0 ? "unknown" : d.battery + "%").append('\n');
        out.append("bids     ").append(d.bids).append("   tasks won ").append(d.won).append("   finished ")
                .append(d.completed).append("   failed ").append(d.failed).append('\n');
        out.append("\nlog (newest last)\n");
        if (d.log.isEmpty()) {
            out.append("  nothing yet\n");
        }
        d.log.forEach(line -> out.append("  ").append(line).append('\n'));
        return java.util.Optional.of(out.toString());
    }

    private static String percent(double share) {
        return share < 0 ? "unknown" : Math.round(share * 100) + "%";
    }

    /** The device the inspector shows, or null. */
    public javafx.beans.property.StringProperty inspectedProperty() {
        return model.inspected;
    }

    /** Where to learn a device's NPU when it starts after the window opened ({@code null}: unknown). */
    public void setNpuLookup(java.util.function.Function<String, Boolean> lookup) {
        this.npuOf = lookup;
    }

    /** Takes a device off the graph (it was removed from the mesh). */
    public void forget(String id) {
        model.devices.remove(id);
        model.recount();
        model.version++;
    }

    /** Every device as drawn now. */
    public List<DeviceSnapshot> devices() {
        return model.devices.values().stream().map(d -> new DeviceSnapshot(d.id, d.npu, d.cpu, d.ram, d.battery,
                d.orchestrator, d.greyed(), d.id.equals(model.winner.get()))).toList();
    }

    public ReadOnlyStringProperty winnerProperty() {
        return model.winner;
    }

    public ReadOnlyIntegerProperty greyedCountProperty() {
        return model.greyedCount;
    }

    /** Messages being animated now. */
    public int flightsInAir() {
        return model.flights.size();
    }
}
