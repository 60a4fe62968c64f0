package io.meshbench.app.history;

import io.meshbench.app.playback.PlaybackWindows;
import io.meshbench.app.shell.Shell;
import io.meshbench.history.HistoryStore;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The history file in a window of its own ({@code meshbench history --window}): per device, strategy
 * and priority, with plots of each device's latency percentiles and each strategy's p95 over time.
 */
public final class HistoryWindow {

    private final HistoryController controller;
    private final Stage stage;

    private HistoryWindow(HistoryController controller) {
        this.controller = controller;
        BorderPane root = new BorderPane(controller.view());
        stage = Shell.window("MeshBench — history", root).show().stage();
    }

    /** Opens the window on the FX thread and reads {@code file} (the default history when null). */
    public static HistoryWindow open(Path file) {
        HistoryWindow window = new HistoryWindow(HistoryController.forWindow());
        window.controller.load(file != null ? file : HistoryStore.defaultPath(), "all time");
        return window;
    }

    public HistoryController controller() {
        return controller;
    }

    public Stage stage() {
        return stage;
    }

    /** From the command line: the window until it is closed; no screen is exit code 2 with what to do. */
    public static int launch(Path file, PrintStream err) throws InterruptedException {
        Optional<String> missing = Shell.noDisplay();
        if (missing.isPresent()) {
            err.println("meshbench: " + missing.get() + ", so the window cannot open; print the statistics with "
                    + "`meshbench history` (--csv, --json), or open the window on a virtual screen with "
                    + "`xvfb-run ./meshbench history --window`");
            return 2;
        }
        System.setProperty("org.slf4j.simpleLogger.log.javafx", "error");
        PlaybackWindows.runUntilClosed(() -> open(file));
        return 0;
    }
}
