package io.meshbench.app.shell;

import io.meshbench.cli.window.WorkbenchSettings;
import io.meshbench.app.auctions.AuctionsController;
import io.meshbench.app.bridge.EventBatcher;
import io.meshbench.app.bridge.FxEventBridge;
import io.meshbench.app.charts.ChartsController;
import io.meshbench.app.console.ConsoleController;
import io.meshbench.app.control.ControlController;
import io.meshbench.app.devices.DevicesController;
import io.meshbench.app.graph.GraphController;
import io.meshbench.app.mesh.LoadGenerator;
import io.meshbench.live.MeshSession;
import io.meshbench.app.sequence.SequenceController;
import io.meshbench.app.status.FrameProbe;
import io.meshbench.app.status.StatusBar;
import javafx.application.Platform;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.VBox;

import java.util.List;
import java.util.Locale;

/**
 * The window's content: every feature's view in resizable panes, fed by one event bridge, with the
 * status bar and the keyboard shortcuts.
 */
public final class Workbench implements AutoCloseable {

    /** Events waiting for the window at most; past that the mesh is faster than any screen. */
    private static final int QUEUE_CAPACITY = 200_000;
    private static final long STATUS_NANOS = 250_000_000L;
    private static final long PROBE_REPORT_NANOS = 10_000_000_000L;

    private final MeshSession session;
    private final WorkbenchSettings settings;
    private final EventBatcher batcher;
    private final FxEventBridge bridge;
    private final FrameProbe probe = new FrameProbe();
    private final GraphController graph;
    private final AuctionsController auctions;
    private final SequenceController sequence;
    private final ChartsController charts;
    private final ConsoleController console;
    private final ControlController control;
    private final DevicesController phones;
    private final io.meshbench.app.health.HealthController health;
    private final StatusBar status = new StatusBar();
    private final BorderPane root = new BorderPane();
    private LoadGenerator load;
    private long frameNow;
    private long lastStatus;
    private long lastProbe;
    private long probeStart;
    private long lastReceived;

    public Workbench(MeshSession session, WorkbenchSettings settings) {
        this.session = session;
        this.settings = settings;
        List<MeshSession.Device> devices = session.devices();
        batcher = new EventBatcher(session.bus(), QUEUE_CAPACITY);
        bridge = new FxEventBridge(batcher);
        graph = new GraphController(devices, () -> frameNow == 0 ? System.nanoTime() : frameNow);
        auctions = new AuctionsController(session.orchestratorId());
        sequence = new SequenceController(devices);
        charts = new ChartsController();
        console = new ConsoleController(session.orchestratorId(), session::submit, Platform::runLater);
        control = new ControlController(session, Platform::runLater, settings.slmSpeed(), graph::forget);
        phones = new DevicesController(session.bus(), Platform::runLater);
        health = new io.meshbench.app.health.HealthController(session.orchestratorId());
        batcher.addView(health::onEvents);
        auctions.setOnSelect(sequence::showTask);
        batcher.addView(graph::onEvents);
        batcher.addView(auctions::onEvents);
        batcher.addView(sequence::onEvents);
        batcher.addView(charts::onEvents);
        batcher.addView(console::onEvents);
        batcher.addView(control::onEvents);
        layout();
    }

    private boolean phonesListed;

    private void layout() {
        SplitPane left = split(Orientation.VERTICAL, new double[]{0.64},
                titled("Mesh", graph.view()), titled("Device charts", charts.view()));
        SplitPane middle = split(Orientation.VERTICAL, new double[]{0.52},
                titled("Auctions", auctions.view()), titled("Sequence chart", sequence.view()));
        SplitPane right = split(Orientation.VERTICAL, new double[]{0.56},
                titled("Prompt console", console.view()), titled("Mesh control", control.view()));
        SplitPane main = split(Orientation.HORIZONTAL, new double[]{0.37, 0.76}, left, middle, right);
        // Real phones over ADB in a tab of their own: adb is asked only once the tab is opened.
        Tab meshTab = new Tab("Mesh", main);
        Tab phonesTab = new Tab("Phones (ADB)", phones.view());
        phonesTab.setId("phones-tab");
        Tab healthTab = new Tab("Health", health.view());
        healthTab.setId("health-tab");
        TabPane tabs = new TabPane(meshTab, phonesTab, healthTab);
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        tabs.getStyleClass().add("workbench-tabs");
        phonesTab.setOnSelectionChanged(e -> {
            if (phonesTab.isSelected() && !phonesListed) {
                phonesListed = true;
                phones.refresh();
            }
        });
        root.setCenter(tabs);
        root.setBottom(status);
        // File: open a scenario or a recording, each in a window of its own.
        javafx.scene.control.MenuBar menu = io.meshbench.app.playback.PlaybackWindows.menu(() -> root.getScene().getWindow(), Platform::exit);
        menu.getMenus().add(io.meshbench.app.bench.BenchWindow.menu()); // Benchmarks: the suite's panel (Ctrl+B)
        root.setTop(menu);
    }

    private static SplitPane split(Orientation orientation, double[] dividers, Node... items) {
        SplitPane pane = new SplitPane(items);
        pane.setOrientation(orientation);
        pane.setDividerPositions(dividers);
        return pane;
    }

    private static Node titled(String title, Node content) {
        Label label = new Label(title);
        label.getStyleClass().add("pane-title");
        label.setMaxWidth(Double.MAX_VALUE);
        BorderPane pane = new BorderPane(content);
        pane.setTop(label);
        pane.getStyleClass().add("feature-pane");
        return pane;
    }

    public Parent root() {
        return root;
    }

    public void installShortcuts(Scene scene) {
        var keys = scene.getAccelerators();
        keys.put(new KeyCodeCombination(KeyCode.L, KeyCombination.SHORTCUT_DOWN), console::focusPrompt);
        keys.put(new KeyCodeCombination(KeyCode.N, KeyCombination.SHORTCUT_DOWN), control::addDevice);
        keys.put(new KeyCodeCombination(KeyCode.K, KeyCombination.SHORTCUT_DOWN), control::killSelected);
        keys.put(new KeyCodeCombination(KeyCode.R, KeyCombination.SHORTCUT_DOWN), control::reviveSelected);
        keys.put(new KeyCodeCombination(KeyCode.DELETE, KeyCombination.SHORTCUT_DOWN), control::removeSelected);
        keys.put(new KeyCodeCombination(KeyCode.Q, KeyCombination.SHORTCUT_DOWN), Platform::exit);
        keys.put(new KeyCodeCombination(KeyCode.F1), this::showKeys);
    }

    private void showKeys() {
        Alert alert = new Alert(Alert.AlertType.INFORMATION);
        alert.setHeaderText("Keyboard shortcuts");
        alert.setContentText(String.join("\n", "Ctrl+L  type a prompt", "Enter   send the prompt",
                "Ctrl+N  add a simulated device", "Ctrl+K  kill the selected device",
                "Ctrl+R  revive the selected device", "Ctrl+Delete  remove the selected device",
                "Ctrl+O  open a scenario", "Ctrl+Shift+O  open a recording", "Ctrl+Q  quit"));
        alert.show();
    }

    /** Starts the frame loop (and the load and the probe, when asked); {@code quit} ends the app. */
    public void start(Runnable quit) {
        bridge.onFrame(now -> {
            frameNow = now;
            probe.frame(now);
            graph.onFrame(now);
            auctions.onFrame(now);
            sequence.onFrame(now);
            charts.onFrame(now);
            if (now - lastStatus >= STATUS_NANOS) {
                updateStatus(now);
            }
            if (settings.probeSeconds() > 0) {
                probe(now, quit);
            }
        });
        bridge.start();
        console.focusPrompt();
        if (settings.load() > 0) {
            load = new LoadGenerator(session, settings.load());
        }
    }

    private void probe(long now, Runnable quit) {
        if (probeStart == 0) {
            probeStart = now;
            lastProbe = now;
            return;
        }
        if (now - lastProbe >= PROBE_REPORT_NANOS) {
            lastProbe = now;
            System.out.println(probe.report(String.format(Locale.ROOT, "probe t=%.0fs events=%d auctionsDone=%d "
                    + "failed=%d dropped=%d", (now - probeStart) / 1e9, batcher.received(),
                    auctions.completedProperty().get(), auctions.failedProperty().get(), batcher.dropped())));
            System.out.flush();
        }
        if (now - probeStart >= settings.probeSeconds() * 1e9) {
            System.out.printf(Locale.ROOT, "probe done: %d frames, worst %.1f ms%n", probe.totalFrames(),
                    probe.worstMillis());
            System.out.flush();
            settingsProbeDone(quit);
        }
    }

    private boolean quitting;

    private void settingsProbeDone(Runnable quit) {
        if (!quitting) {
            quitting = true;
            quit.run();
        }
    }

    private void updateStatus(long now) {
        double seconds = lastStatus == 0 ? 1 : (now - lastStatus) / 1e9;
        long received = batcher.received();
        double rate = (received - lastReceived) / seconds;
        lastReceived = received;
        lastStatus = now;
        int devices = (int) graph.devices().stream().filter(d -> !d.orchestrator()).count();
        int down = graph.greyedCountProperty().get();
        String winner = graph.winnerProperty().get();
        status.meshText().set(String.format(Locale.ROOT,
                "%s · orchestrator %s · %d devices%s · strategy %s · %d in flight · %d completed · %d failed%s",
                session.description(), session.orchestratorId(), devices, down == 0 ? "" : " (" + down + " down)",
                session.strategyName(), auctions.inFlightProperty().get(), auctions.completedProperty().get(),
                auctions.failedProperty().get(), winner == null ? "" : " · last winner " + winner));
        status.windowText().set(String.format(Locale.ROOT, "%,.0f events/s · frame %.1f ms · heap %.0f MB%s",
                rate, probe.lastIntervalMillis(), FrameProbe.used() / 1e6,
                batcher.dropped() == 0 ? "" : " · " + batcher.dropped() + " events dropped"));
    }

    public GraphController graph() {
        return graph;
    }

    public AuctionsController auctions() {
        return auctions;
    }

    public SequenceController sequence() {
        return sequence;
    }

    public ChartsController charts() {
        return charts;
    }

    public ConsoleController console() {
        return console;
    }

    public DevicesController phones() {
        return phones;
    }

    public ControlController control() {
        return control;
    }

    @Override
    public void close() {
        bridge.stop();
        if (load != null) {
            load.close();
        }
        control.close();
        phones.close();
        try {
            batcher.close();
        } catch (Exception ignored) {
            // only a subscription handle
        }
    }
}
