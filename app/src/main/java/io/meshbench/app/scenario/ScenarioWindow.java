package io.meshbench.app.scenario;

import io.meshbench.app.shell.Shell;
import io.meshbench.app.shell.ViewExport;
import io.meshbench.app.views.MeshViews;
import io.meshbench.app.views.Speed;
import io.meshbench.scenario.Scenario;
import io.meshbench.scenario.ScenarioException;
import io.meshbench.scenario.ScenarioReader;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.scene.Parent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.stage.Stage;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A scenario in the window: the same views as a live mesh, a bar to run, pause, resume, run again and
 * change the speed (virtual time paced against the wall clock), and the run's summary and
 * expectations at the end. A file that cannot be run shows its error (file:line:column: field:
 * problem) instead. The run's logic is {@link ScenarioController}, what it shows {@link ScenarioModel},
 * how {@link ScenarioView}; the menus and keys come from the {@link Shell}.
 */
public final class ScenarioWindow {

    /** Events waiting for the window past which an unpaced run waits for it. */
    static final int BACKLOG = 20_000;

    private final ScenarioModel model = new ScenarioModel();
    private final Stage stage;
    private final Shell shell;
    private ScenarioController controller;
    private AnimationTimer timer;

    private ScenarioWindow(Path file) {
        Parent root;
        try {
            Scenario scenario = ScenarioReader.read(file);
            controller = new ScenarioController(file, scenario, model, Platform::runLater);
            root = ScenarioView.run(model, controller.views(), this::onRun);
        } catch (ScenarioException | IllegalArgumentException | IllegalStateException e) {
            // A bad file, a plugin or strategy that is not there: the message says where and what to do.
            model.error.set(Shell.describe(file, e));
            root = ScenarioView.error(model);
        }
        shell = Shell.window("MeshBench — scenario " + file.getFileName(), root);
        stage = shell.stage();
        stage.setOnHidden(e -> close());
        if (controller != null) {
            shell.key(new KeyCodeCombination(KeyCode.SPACE, KeyCombination.SHORTCUT_DOWN),
                    "run, pause or resume (run again once finished)", this::onRun);
            // the views are made anew for a second run: export what is shown then
            shell.fileItems(ViewExport.items(shell, controller.views().exportable(),
                    out -> controller.views().auctions().writeCsv(out)));
            timer = new AnimationTimer() {
                @Override
                public void handle(long now) {
                    controller.onFrame(now);
                }
            };
        }
        shell.show();
        if (timer != null) {
            timer.start();
            root.lookup("#scenario-run").requestFocus();
        }
    }

    /** Opens a window on {@code file}. On the FX thread. */
    public static ScenarioWindow open(Path file) {
        return new ScenarioWindow(file);
    }

    /** Run, pause or resume, as the button says; once finished, run again from the start. */
    public void onRun() {
        if (controller != null) {
            controller.onRun();
        }
    }

    private void close() {
        if (timer != null) {
            timer.stop();
        }
        if (controller != null) {
            controller.close();
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
        return controller == null ? null : controller.views();
    }

    public ScenarioSession session() {
        return controller == null ? null : controller.session();
    }

    public String stateText() {
        return model.state.get();
    }

    public String summaryText() {
        return model.summary.get();
    }

    /** The error shown instead of a run, or empty. */
    public String errorText() {
        return model.error.get();
    }

    /**
     * Records the run to {@code out} (JSON Lines, as {@code --record}): every event from the start to
     * the end of the run, or to the window's closing. Call before the run starts.
     */
    public void recordTo(Path out) throws IOException {
        if (controller != null) {
            controller.recordTo(out);
        }
    }

    public void setSpeed(Speed value) {
        model.speed.set(value);
    }
}
