package io.meshbench.app.bench;

import io.meshbench.app.shell.Shell;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The Benchmarks panel in a window of its own: from the workbench's Benchmarks menu (Ctrl+B) or from
 * {@code meshbench bench --window}. A window of its own because a run takes minutes and forks JVMs that
 * share the machine: it is not something to watch beside a live mesh.
 */
public final class BenchWindow {

    public static final KeyCombination OPEN = new KeyCodeCombination(KeyCode.B, KeyCombination.SHORTCUT_DOWN);

    private final BenchController controller;
    private final Stage stage;

    private BenchWindow(BenchController controller) {
        this.controller = controller;
        BorderPane root = new BorderPane(controller.view());
        Shell shell = Shell.window("MeshBench — benchmarks", root).show();
        stage = shell.stage();
        stage.getScene().getStylesheets().add(Objects.requireNonNull(
                BenchWindow.class.getResource("bench.css")).toExternalForm());
        // A run left going when the window closes is stopped with it: its forks would otherwise outlive it.
        stage.setOnHidden(e -> controller.onCancel());
    }

    /**
     * Opens the panel on the FX thread; {@code out} is the output folder (its results shown when it has
     * some), {@code earlier} an earlier results folder to compare with, or null.
     */
    public static BenchWindow open(BenchController controller, Path out, Path earlier) {
        BenchWindow window = new BenchWindow(controller);
        if (out != null) {
            controller.model.outFolder.set(out.toString());
            if (Files.exists(out)) {
                controller.load(out);
            }
        }
        if (earlier != null) {
            controller.loadEarlier(earlier);
        }
        return window;
    }

    public static BenchWindow open(Path out, Path earlier) {
        return open(BenchController.forWindow(), out, earlier);
    }

    /** The Benchmarks menu of the workbench: opens the panel on the default folder. */
    public static Menu menu() {
        MenuItem open = new MenuItem("Open benchmarks…");
        open.setAccelerator(OPEN);
        open.setOnAction(e -> open(Path.of("bench-results"), null));
        Menu menu = new Menu("Benchmarks", null, open);
        menu.setId("bench-menu");
        return menu;
    }

    public BenchController controller() {
        return controller;
    }

    public Stage stage() {
        return stage;
    }
}
