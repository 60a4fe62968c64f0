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
            view = new GraphView(model);
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

    private void apply(MeshEvent event, long now) {
        switch (event) {
            case MeshEvent.NodeStarted e -> {
                GraphModel.Device d = model.device(e.node());
                d.down = false;
                d.unreachable = false;
                d.orchestrator |= "orchestrator".equals(e.role());
                if (!"shell-agent".equals(e.role())) { // a phone seen through its log samples no metrics here
                    model.localNodes.add(e.node());
                }
            }
            case MeshEvent.NodeStopped e -> model.device(e.node()).down = true;
            case MeshEvent.MetricSampled e -> {
                GraphModel.Device d = model.device(e.node());
                d.cpu = e.cpuLoad();
                d.ram = e.ramLoad();
                d.battery = e.battery();
            }
            case MeshEvent.BidAccepted e -> {
                GraphModel.Device d = model.device(e.bid().deviceId());
                d.npu = e.bid().hasNpu();
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
                model.device(e.peer()).unreachable = true;
                model.addFlight(new GraphModel.Flight(e.node(), e.peer(), "ERROR", now));
            }
            case MeshEvent.InputRejected e -> model.addFlight(new GraphModel.Flight(e.node(), e.node(), "ERROR", now));
            case MeshEvent.AuctionClosed e -> {
                model.winner.set(e.selection().winner().deviceId());
                model.winnerSince = now;
            }
            default -> {
                return;
            }
        }
        model.version++;
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
