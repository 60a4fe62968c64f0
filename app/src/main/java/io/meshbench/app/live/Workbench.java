package io.meshbench.app.live;

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
import io.meshbench.app.views.MeshViews;
import io.meshbench.app.views.PlaybackLayout;
import io.meshbench.app.shell.Shell;
import io.meshbench.app.shell.ViewExport;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
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
    private final Options settings;
    private final EventBatcher batcher;
    private final FxEventBridge bridge;
    private final FrameProbe probe = new FrameProbe();
    /** The mesh's four views, as the scenario and replay windows show them. */
    private final MeshViews views;
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

    /**
     * What the command line asked of the window.
     *
     * @param load         auctions a second to submit by itself (0: none)
     * @param slmSpeed     the simulated model's speed on devices added from the window
     * @param probeSeconds print frame times and heap every 10 s and quit after this long (0: never)
     * @param record       record every event to this file from the start, or null
     */
    public record Options(double load, double slmSpeed, double probeSeconds, java.nio.file.Path record) {
    }

    public Workbench(MeshSession session, Options settings) {
        this.session = session;
        this.settings = settings;
        List<MeshSession.Device> devices = session.devices();
        batcher = new EventBatcher(session.bus(), QUEUE_CAPACITY);
        bridge = new FxEventBridge(batcher);
        views = new MeshViews(devices, session.orchestratorId(), "No auctions yet: type a prompt in the console (Ctrl+L)");
        views.graph().setNpuLookup(id -> session.devices().stream().filter(d -> d.id().equals(id)).findFirst()
                .map(MeshSession.Device::hasNpu).orElse(null));
        console = new ConsoleController(session.orchestratorId(), session::submit, Platform::runLater);
        control = new ControlController(session, Platform::runLater, settings.slmSpeed(), views.graph()::forget);
        phones = new DevicesController(session.bus(), Platform::runLater);
        health = new io.meshbench.app.health.HealthController(session.orchestratorId());
        // The mesh's views freeze while paused; the console and the device list go on (they are controls).
        pause = new PauseGate(batch -> views.feed(batch, frameNow == 0 ? System.nanoTime() : frameNow, true),
                PAUSE_CAPACITY);
        batcher.addView(pause::accept);
        batcher.addView(console::onEvents);
        batcher.addView(control::onEvents);
        batcher.addView(health::onEvents);
        layout();
    }

    /** Events a paused window keeps for its catch-up at most (about a minute of a 100-device mesh under load). */
    static final int PAUSE_CAPACITY = 2_000_000;
    private final PauseGate pause;
    private LiveRecording recording;

    private boolean phonesListed;

    private void layout() {
        Node console = PlaybackLayout.titled("Prompt console", this.console.view());
        Node control = PlaybackLayout.titled("Mesh control", this.control.view());
        SplitPane right = PlaybackLayout.split(Orientation.VERTICAL, new double[]{0.5}, console, control);
        SplitPane main = PlaybackLayout.panes(views, right);
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
        panes.putAll(views.exportable());
        panes.put("Prompt console", console);
        panes.put("Mesh control", control);
    }

    private final java.util.Map<String, Node> panes = new java.util.LinkedHashMap<>();

    /** The panes by their titles (to save as pictures). */
    public java.util.Map<String, Node> panes() {
        return java.util.Collections.unmodifiableMap(panes);
    }

    public Parent root() {
        return root;
    }

    public static final KeyCombination PAUSE = new KeyCodeCombination(KeyCode.P, KeyCombination.SHORTCUT_DOWN);
    public static final KeyCombination STEP = new KeyCodeCombination(KeyCode.RIGHT, KeyCombination.SHORTCUT_DOWN);
    public static final KeyCombination RECORD = new KeyCodeCombination(KeyCode.R, KeyCombination.SHORTCUT_DOWN,
            KeyCombination.SHIFT_DOWN);

    /** Puts the window's keys, menus and File items into the shell around it. */
    public void install(Shell shell) {
        this.shell = shell;
        shell.note("Enter", "send the prompt typed in the console");
        shell.key(new KeyCodeCombination(KeyCode.L, KeyCombination.SHORTCUT_DOWN), "type a prompt", console::focusPrompt);
        shell.key(new KeyCodeCombination(KeyCode.N, KeyCombination.SHORTCUT_DOWN), "add a simulated device",
                control::addDevice);
        shell.key(new KeyCodeCombination(KeyCode.K, KeyCombination.SHORTCUT_DOWN), "kill the selected device",
                control::killSelected);
        shell.key(new KeyCodeCombination(KeyCode.R, KeyCombination.SHORTCUT_DOWN), "revive the selected device",
                control::reviveSelected);
        shell.key(new KeyCodeCombination(KeyCode.DELETE, KeyCombination.SHORTCUT_DOWN), "remove the selected device",
                control::removeSelected);
        MenuItem pauseItem = new MenuItem("Pause the views");
        pauseItem.setId("pause");
        pauseItem.setAccelerator(PAUSE);
        pauseItem.setOnAction(e -> togglePause());
        pauseItem.textProperty().bind(pause.pausedProperty().map(p -> p ? "Resume the views (catch up)" : "Pause the views"));
        MenuItem stepItem = new MenuItem("Step: show the next batch of events");
        stepItem.setId("step");
        stepItem.setAccelerator(STEP);
        stepItem.setOnAction(e -> step());
        stepItem.disableProperty().bind(pause.pausedProperty().not());
        Menu mesh = new Menu("Mesh", null, pauseItem, stepItem);
        mesh.setId("mesh-menu");
        shell.menu(mesh);
        shell.menu(io.meshbench.app.bench.BenchWindow.menu()); // Benchmarks: the suite's panel (Ctrl+B)
        MenuItem record = new MenuItem("Record…");
        record.setId("record");
        record.setAccelerator(RECORD);
        record.setOnAction(e -> {
            if (recording != null) {
                stopRecording();
            } else {
                shell.chooseSave("Record the live mesh", "Recording (*.jsonl)", "*.jsonl", "live.jsonl")
                        .ifPresent(this::recordTo);
            }
        });
        record.textProperty().bind(recordingTo.map(f -> f.isEmpty() ? "Record…" : "Stop recording (" + f + ")"));
        shell.fileItems(record);
        shell.fileItems(ViewExport.items(shell, panes, views.auctions()::writeCsv));
        shell.key(PAUSE, "pause the views (the mesh runs on) or resume them, catching up", this::togglePause);
    }

    private Shell shell;
    private final javafx.beans.property.StringProperty recordingTo = new javafx.beans.property.SimpleStringProperty("");

    /** Freezes the mesh's views (the mesh runs on), or resumes them with everything that happened meanwhile. */
    public void togglePause() {
        if (pause.paused()) {
            pause.resume();
        } else {
            pause.pause();
        }
        updateStatus(System.nanoTime());
    }

    /** While paused: shows the oldest batch of events held back. */
    public void step() {
        pause.step();
    }

    public boolean paused() {
        return pause.paused();
    }

    /** Events held back while paused. */
    public long heldBack() {
        return pause.held();
    }

    /** Records every event of the live mesh to {@code out} from now until stopped or the window closes. */
    public void recordTo(java.nio.file.Path out) {
        stopRecording();
        try {
            recording = LiveRecording.start(session, out);
            recordingTo.set(out.toString());
        } catch (java.io.IOException | RuntimeException e) {
            Shell.error("The mesh cannot be recorded", Shell.describe(out, e));
        }
    }

    /** Ends the recording, if any; the file is complete. */
    public void stopRecording() {
        if (recording != null) {
            recording.close();
            recording = null;
            recordingTo.set("");
        }
    }

    /** Starts the frame loop (and the load and the probe, when asked); {@code quit} ends the app. */
    public void start(Runnable quit) {
        bridge.onFrame(now -> {
            frameNow = now;
            probe.frame(now);
            views.onFrame(now);
            if (now - lastStatus >= STATUS_NANOS) {
                updateStatus(now);
            }
            if (settings.probeSeconds() > 0) {
                probe(now, quit);
            }
        });
        bridge.start();
        console.focusPrompt();
        if (settings.record() != null) {
            recordTo(settings.record());
        }
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
                    auctions().completedProperty().get(), auctions().failedProperty().get(), batcher.dropped())));
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
        int devices = (int) graph().devices().stream().filter(d -> !d.orchestrator()).count();
        int down = graph().greyedCountProperty().get();
        String winner = graph().winnerProperty().get();
        status.meshText().set(String.format(Locale.ROOT,
                "%s · orchestrator %s · %d devices%s · strategy %s · %d in flight · %d completed · %d failed%s",
                session.description(), session.orchestratorId(), devices, down == 0 ? "" : " (" + down + " down)",
                session.strategyName(), auctions().inFlightProperty().get(), auctions().completedProperty().get(),
                auctions().failedProperty().get(), winner == null ? "" : " · last winner " + winner));
        status.windowText().set(String.format(Locale.ROOT, "%s%s%,.0f events/s · frame %.1f ms · heap %.0f MB%s",
                pause.paused() ? String.format(Locale.ROOT, "⏸ PAUSED (Ctrl+P resumes) · %,d events held back%s · ",
                        pause.held(), pause.skipped() == 0 ? "" : String.format(Locale.ROOT, ", %,d oldest skipped",
                                pause.skipped())) : "",
                recording == null ? "" : "● recording to " + recordingTo.get() + " · ",
                rate, probe.lastIntervalMillis(), FrameProbe.used() / 1e6,
                batcher.dropped() == 0 ? "" : " · " + batcher.dropped() + " events dropped"));
    }

    public GraphController graph() {
        return views.graph();
    }

    public AuctionsController auctions() {
        return views.auctions();
    }

    public SequenceController sequence() {
        return views.sequence();
    }

    public ChartsController charts() {
        return views.charts();
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
        stopRecording();
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
