package io.meshbench.app.control;

import io.meshbench.live.DeviceProfile;
import io.meshbench.live.MeshSession;
import io.meshbench.event.MeshEvent;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.scene.Node;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * Mesh control: add a simulated device of a profile, remove it, kill it and revive it (a fault to
 * watch in the graph), and change the orchestrator's strategy. Starting and stopping nodes blocks,
 * so it runs on a worker thread; the list follows the nodes' own start and stop events.
 */
public final class ControlController implements AutoCloseable {

    private final ControlModel model = new ControlModel();
    private final MeshSession session;
    private final Executor ui;
    private final double slmSpeed;
    private final Consumer<String> onRemoved;
    private final Set<String> removing = new HashSet<>();
    /** The rows by device id: every message looks its peer up, so not a scan of the list. */
    private final Map<String, DeviceRow> rows = new HashMap<>();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "meshbench-control");
        t.setDaemon(true);
        return t;
    });
    private ControlView view;

    /**
     * @param slmSpeed  speed of the simulated model on added devices
     * @param onRemoved told the id of a device taken off the mesh
     */
    public ControlController(MeshSession session, Executor ui, double slmSpeed, Consumer<String> onRemoved) {
        this.session = session;
        this.ui = ui;
        this.slmSpeed = slmSpeed;
        this.onRemoved = onRemoved;
        model.simulated.set(session.simulated());
        for (MeshSession.Device info : session.devices()) {
            DeviceRow row = new DeviceRow(info.id());
            row.kind.set(info.orchestrator() ? "orchestrator" : info.hasNpu() == null ? "?" : info.hasNpu() ? "NPU" : "CPU");
            model.devices.add(row);
            rows.put(row.id, row);
        }
        model.strategies.setAll(session.strategyNames());
        model.strategy.set(session.strategyName());
    }

    public Node view() {
        if (view == null) {
            view = new ControlView(model, this);
        }
        return view;
    }

    void onAdd() {
        DeviceProfile profile = model.profile.get();
        run("add", () -> {
            String id = session.freeId();
            session.addDevice(profile.config(id, slmSpeed));
            return "added " + id + " (" + profile + ")";
        });
    }

    /** Kills the selected device (or {@code id}). */
    public void onKill(String id) {
        run("kill", () -> {
            session.kill(id);
            return "killed " + id + ": it stays in the peer list but no longer answers";
        });
    }

    public void onRevive(String id) {
        run("revive", () -> {
            session.revive(id);
            return "revived " + id;
        });
    }

    public void onRemove(String id) {
        removing.add(id);
        run("remove", () -> {
            session.remove(id);
            return "removed " + id;
        });
    }

    void onStrategy(String name) {
        if (name == null || name.equals(session.strategyName())) {
            return;
        }
        session.setStrategy(name).whenComplete((v, e) -> ui.execute(() ->
                model.message.set(e == null ? "strategy is now " + name : "strategy not changed: " + e.getMessage())));
    }

    /** Acts on the selected row: the keyboard shortcuts call these. */
    public void killSelected() {
        selectedDevice().ifPresent(this::onKill);
    }

    public void reviveSelected() {
        selectedDevice().ifPresent(this::onRevive);
    }

    public void removeSelected() {
        selectedDevice().ifPresent(this::onRemove);
    }

    public void addDevice() {
        onAdd();
    }

    private Optional<String> selectedDevice() {
        DeviceRow row = model.selected.get();
        if (row == null || row.kind.get().equals("orchestrator")) {
            model.message.set("Select a device in the list first (not the orchestrator).");
            return Optional.empty();
        }
        return Optional.of(row.id);
    }

    private interface Action {
        String run() throws Exception;
    }

    private void run(String what, Action action) {
        model.busy.set(true);
        worker.execute(() -> {
            String message;
            try {
                message = action.run();
            } catch (Exception e) {
                message = "could not " + what + ": " + e.getMessage();
            }
            String shown = message;
            ui.execute(() -> {
                model.message.set(shown);
                model.busy.set(false);
            });
        });
    }

    public void onEvents(List<MeshEvent> batch) {
        for (MeshEvent event : batch) {
            switch (event) {
                case MeshEvent.NodeStarted e -> {
                    DeviceRow row = row(e.node());
                    row.state.set("up");
                    if ("orchestrator".equals(e.role())) {
                        row.kind.set("orchestrator");
                    } else if (row.kind.get().equals("?")) {
                        session.devices().stream().filter(d -> d.id().equals(e.node()) && d.hasNpu() != null)
                                .findFirst().ifPresent(d -> row.kind.set(d.hasNpu() ? "NPU" : "CPU"));
                    }
                }
                case MeshEvent.NodeStopped e -> {
                    if (removing.remove(e.node())) {
                        model.devices.removeIf(r -> r.id.equals(e.node()));
                        rows.remove(e.node());
                        onRemoved.accept(e.node());
                    } else {
                        row(e.node()).state.set("killed");
                    }
                }
                case MeshEvent.DeliveryFailed e -> find(e.peer()).filter(r -> r.state.get().equals("up"))
                        .ifPresent(r -> r.state.set("unreachable"));
                case MeshEvent.MessageReceived e -> find(e.peer()).ifPresent(r -> {
                    if (r.state.get().equals("unreachable")) {
                        r.state.set("up");
                    }
                    io.meshbench.security.LinkKind kind = session.links().get(e.peer());
                    if (kind != null) {
                        r.link.set(linkLabel(kind));
                    }
                });
                case MeshEvent.BidAccepted e -> find(e.bid().deviceId()).filter(r -> r.kind.get().equals("?"))
                        .ifPresent(r -> r.kind.set(e.bid().hasNpu() ? "NPU" : "CPU"));
                default -> {
                }
            }
        }
    }

    /** The link column's words: what a user needs to know of each mode. */
    static String linkLabel(io.meshbench.security.LinkKind kind) {
        return switch (kind) {
            case TLS -> "TLS";
            case HMAC -> "HMAC";
            case PLAINTEXT -> "plain";
        };
    }

    /** How the link to {@code id} is protected, as the list shows it. */
    public String link(String id) {
        return find(id).map(r -> r.link.get()).orElse("–");
    }

    private Optional<DeviceRow> find(String id) {
        return Optional.ofNullable(rows.get(id));
    }

    private DeviceRow row(String id) {
        return find(id).orElseGet(() -> {
            DeviceRow row = new DeviceRow(id);
            model.devices.add(row);
            rows.put(id, row);
            return row;
        });
    }

    /** The state shown for {@code id}: up, killed or unreachable; empty when not listed. */
    public Optional<String> state(String id) {
        return find(id).map(r -> r.state.get());
    }

    public void select(String id) {
        find(id).ifPresent(model.selected::set);
    }

    public ReadOnlyStringProperty messageProperty() {
        return model.message;
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}
