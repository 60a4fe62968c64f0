package io.meshbench.app.scenario;

import io.meshbench.app.bridge.EventBatcher;
import io.meshbench.app.views.MeshViews;
import io.meshbench.app.views.PlaybackLayout;
import io.meshbench.app.shell.ViewExport;
import io.meshbench.app.shell.Shell;
import io.meshbench.app.views.Speed;
import io.meshbench.event.EventBus;
import io.meshbench.plugin.PluginRegistry;
import io.meshbench.record.RecordingWriter;
import io.meshbench.scenario.RunOutcome;
import io.meshbench.scenario.Scenario;
import io.meshbench.scenario.ScenarioException;
import io.meshbench.scenario.ScenarioReader;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TextArea;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;

import java.nio.file.Path;
import java.util.Locale;

/**
 * A scenario in the window: the same views as a live mesh, a bar to run, pause, resume and change
 * the speed (virtual time paced against the wall clock), and the run's summary and expectations at
 * the end. A file that cannot be run shows its error (file:line:column: field: problem) instead.
 */
public final class ScenarioWindow {

    /** Events waiting for the window past which an unpaced run waits for it. */
    static final int BACKLOG = 20_000;

    private final Path file;
    private final Stage stage;
    private final Shell shell;
    private ScenarioSession session;
    private EventBatcher batcher;
    private MeshViews views;
    private AnimationTimer timer;
    private final Label state = new Label("ready: press Run");
    private final Label clock = new Label();
    private final ProgressBar progress = new ProgressBar(0);
    private final Button run = new Button("▶ Run");
    private final ComboBox<Speed> speed = new ComboBox<>();
    private final TextArea summary = new TextArea();
    private final Label error = new Label();
    private final Label status = new Label();
    private long lastStatus;
    private long lastReceived;
    private AutoCloseable recording;

    private Scenario scenario;
    private final long[] frame = {0};

    private ScenarioSession newSession() {
        return new ScenarioSession(scenario, PluginRegistry.fromClassPath(), new EventBus(),
                () -> batcher != null && batcher.queued() > BACKLOG);
    }

    private ScenarioWindow(Path file) {
        this.file = file;
        Parent root;
        try {
            scenario = ScenarioReader.read(file);
            session = newSession();
            root = runView(scenario);
        } catch (ScenarioException | IllegalArgumentException | IllegalStateException e) {
            // A bad file, a plugin or strategy that is not there: the message says where and what to do.
            root = errorView(Shell.describe(file, e));
        }
        shell = Shell.window("MeshBench — scenario " + file.getFileName(), root);
        stage = shell.stage();
        stage.setOnHidden(e -> close());
        if (session != null) {
            shell.key(new javafx.scene.input.KeyCodeCombination(javafx.scene.input.KeyCode.SPACE,
                    javafx.scene.input.KeyCombination.SHORTCUT_DOWN), "run, pause or resume (run again once finished)",
                    this::onRun);
            shell.fileItems(ViewExport.items(shell, views.exportable(), views.auctions()::writeCsv));
        }
        shell.show();
        if (session != null) {
            timer.start();
            run.requestFocus();
        }
    }

    /** Opens a window on {@code file}. On the FX thread. */
    public static ScenarioWindow open(Path file) {
        return new ScenarioWindow(file);
    }

    private Parent runView(Scenario scenario) {
        views = new MeshViews(session.devices(), session.orchestratorId(),
                "No auctions yet: press Run (Ctrl+Space) and the scenario's workload starts them");
        attachBatcher();
        timer = new AnimationTimer() {
            @Override
            public void handle(long now) {
                frame[0] = now;
                batcher.drain();
                views.onFrame(now);
                update(now);
            }
        };
        run.setId("scenario-run");
        run.setDefaultButton(true);
        run.setOnAction(e -> onRun());
        speed.setId("scenario-speed");
        speed.getItems().setAll(Speed.CHOICES);
        speed.setValue(Speed.REAL_TIME);
        speed.valueProperty().addListener((o, was, now) -> session.setSpeed(now));
        speed.setDisable(!session.pausable());
        state.setId("scenario-state");
        clock.setId("scenario-clock");
        progress.setPrefWidth(220);
        HBox bar = new HBox(10, run, new Label("Speed"), speed, progress, clock, state);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(6, 10, 6, 10));
        bar.getStyleClass().add("playback-bar");
        summary.setId("scenario-summary");
        summary.setEditable(false);
        summary.setWrapText(false);
        summary.setStyle("-fx-font-family: monospace;");
        summary.setText(describe(scenario));
        VBox.setVgrow(summary, javafx.scene.layout.Priority.ALWAYS);
        status.getStyleClass().add("text-muted");
        HBox statusBar = new HBox(status);
        statusBar.getStyleClass().add("status-bar");
        statusBar.setPadding(new Insets(3, 10, 3, 10));
        return PlaybackLayout.build(bar, views,
                "Scenario", new VBox(summary), statusBar);
    }

    private static String describe(Scenario s) {
        return s.name() + (s.description() == null || s.description().isBlank() ? "" : "\n" + s.description())
                + String.format(Locale.ROOT, "%n%nmode %s, seed %d, strategy %s, duration %s%n%d device group%s, %d fault%s, %d expectation%s%n%n"
                        + "The summary and the expectations appear here when the run ends.",
                s.mode().name().toLowerCase(Locale.ROOT), s.seed(), s.orchestrator().strategy(), human(s.duration()),
                s.devices().size(), s.devices().size() == 1 ? "" : "s", s.faults().size(), s.faults().size() == 1 ? "" : "s",
                s.expectations().size(), s.expectations().size() == 1 ? "" : "s");
    }

    /** {@code 5m}, {@code 90s}, {@code 1h}: as a scenario file writes it. */
    static String human(java.time.Duration d) {
        long s = d.toSeconds();
        return d.toMillis() % 1000 != 0 ? d.toMillis() + "ms" : s % 3600 == 0 && s > 0 ? s / 3600 + "h"
                : s % 60 == 0 && s > 0 ? s / 60 + "m" : s + "s";
    }

    private Parent errorView(String message) {
        error.setId("scenario-error");
        error.setText(message);
        error.setWrapText(true);
        error.getStyleClass().add("danger");
        Label hint = new Label("Fix the file and open it again (File ▸ Open scenario…, Ctrl+O); "
                + "scenarios/README.md describes the format.");
        hint.setWrapText(true);
        VBox box = new VBox(12, new Label("This scenario cannot be run:"), error, hint);
        box.setPadding(new Insets(24));
        return new BorderPane(box);
    }

    private void attachBatcher() {
        batcher = new EventBatcher(session.bus(), 200_000);
        batcher.addView(batch -> views.feed(batch, frame[0], true));
    }

    /** A finished run starts over: a new mesh from the same file and seed, the views emptied. */
    private void resetForRerun() {
        session.close();
        try {
            batcher.close();
        } catch (Exception ignored) {
            // only a subscription handle
        }
        session = newSession();
        attachBatcher();
        views.rebuild(java.util.List.of(), frame[0]);
        state.getStyleClass().removeAll("success", "danger");
        summary.setText(describe(scenario));
        lastReceived = 0;
    }

    /** Run, pause or resume, as the button says; once finished, run again from the start. */
    public void onRun() {
        if (session == null) {
            return;
        }
        if (session.outcome().isDone()) {
            resetForRerun();
        }
        if (!session.started()) {
            try {
                session.start(speed.getValue());
            } catch (RuntimeException e) {
                // A plugin the scenario names cannot be made: say which and why, never a stack trace.
                state.setText("cannot run");
                summary.setText("This scenario cannot run:\n\n" + Shell.describe(file, e));
                return;
            }
            session.outcome().whenComplete((outcome, failure) -> Platform.runLater(() -> finished(outcome, failure)));
        } else if (session.paused()) {
            session.resume();
        } else {
            session.pause();
        }
    }

    private void finished(RunOutcome outcome, Throwable failure) {
        if (failure != null) {
            state.setText("stopped: " + (failure.getMessage() == null ? failure : failure.getMessage()));
            return;
        }
        summary.setText(OutcomeText.of(outcome));
        state.setText(outcome.passed() ? "finished: PASSED" : "finished: FAILED");
        state.getStyleClass().add(outcome.passed() ? "success" : "danger");
    }

    private void update(long now) {
        boolean done = session.outcome().isDone();
        run.setText(!session.started() ? "▶ Run" : done ? "↻ Run again" : session.paused() ? "▶ Resume" : "❚❚ Pause");
        run.setDisable(!done && session.started() && !session.pausable());
        progress.setProgress(session.progress());
        long virtual = session.virtualNanos();
        long end = session.scenario().duration().toNanos();
        clock.setText(virtual < 0 ? String.format(Locale.ROOT, "%.0f%% of %s (live, wall-clock)", session.progress() * 100,
                human(session.scenario().duration())) : String.format(Locale.ROOT, "t = %.1f s of %.0f s", virtual / 1e9, end / 1e9));
        if (!done && session.started()) {
            state.setText(session.paused() ? "paused" : session.behind()
                    ? "running behind: the mesh cannot keep up at " + session.speed() : "running at " + session.speed());
        }
        if (now - lastStatus > 500_000_000L) {
            double seconds = lastStatus == 0 ? 1 : (now - lastStatus) / 1e9;
            long received = batcher.received();
            status.setText(String.format(Locale.ROOT, "%s · %,d devices · %,.0f events/s · %,d events waiting%s",
                    file, session.devices().size() - 1, (received - lastReceived) / seconds, batcher.queued(),
                    batcher.dropped() == 0 ? "" : " · " + batcher.dropped() + " dropped"));
            lastReceived = received;
            lastStatus = now;
        }
    }

    private void closeWindow() {
        stage.close();
    }

    private void close() {
        if (timer != null) {
            timer.stop();
        }
        if (session != null) {
            session.close();
        }
        stopRecording();
        if (batcher != null) {
            try {
                batcher.close();
            } catch (Exception ignored) {
                // only a subscription handle
            }
        }
    }

    /** The window's shell: its menus and keys. */
    public Shell shell() {
        return shell;
    }

    public Stage stage() {
        return stage;
    }

    /** The views; null when the file could not be run. */
    public MeshViews views() {
        return views;
    }

    public ScenarioSession session() {
        return session;
    }

    public String stateText() {
        return state.getText();
    }

    public String summaryText() {
        return summary.getText();
    }

    /** The error shown instead of a run, or empty. */
    public String errorText() {
        return error.getText();
    }

    /**
     * Records the run to {@code out} (JSON Lines, as {@code --record}): every event from the start to
     * the end of the run, or to the window's closing. Call before the run starts.
     */
    public void recordTo(Path out) throws java.io.IOException {
        if (session == null) {
            return;
        }
        java.util.Map<String, String> metadata = new java.util.LinkedHashMap<>();
        metadata.put("command", "scenario open");
        metadata.put("scenario", session.scenario().name());
        metadata.put("file", file.toString());
        metadata.put("seed", String.valueOf(session.scenario().seed()));
        metadata.put("strategy", session.scenario().orchestrator().strategy());
        metadata.put("mode", session.scenario().mode().name().toLowerCase(Locale.ROOT));
        metadata.put("meshbench", "0.1.0");
        RecordingWriter writer = RecordingWriter.open(out, metadata, 256);
        AutoCloseable subscription = session.bus().subscribe(writer);
        recording = () -> {
            subscription.close();
            writer.close();
        };
        session.outcome().whenComplete((o, e) -> stopRecording());
    }

    private synchronized void stopRecording() {
        if (recording != null) {
            try {
                recording.close();
            } catch (Exception e) {
                System.err.println("meshbench: " + e.getMessage());
            }
            recording = null;
        }
    }

    public void setSpeed(Speed value) {
        speed.setValue(value);
    }
}
