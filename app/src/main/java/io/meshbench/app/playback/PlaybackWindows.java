package io.meshbench.app.playback;

import atlantafx.base.theme.PrimerDark;
import io.meshbench.app.WorkbenchApp;
import io.meshbench.app.replay.ReplayWindow;
import io.meshbench.app.scenario.ScenarioWindow;
import io.meshbench.record.Recording;
import io.meshbench.record.RecordingReader;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.geometry.Rectangle2D;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.stage.FileChooser;
import javafx.stage.Screen;
import javafx.stage.Stage;
import javafx.stage.Window;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;

/**
 * Opens scenario and replay windows: from the File menu of any window (the live workbench's too),
 * and from the command line ({@link #runUntilClosed}), which starts JavaFX without an
 * {@link Application} class of its own.
 */
public final class PlaybackWindows {

    public static final KeyCombination OPEN_SCENARIO = new KeyCodeCombination(KeyCode.O, KeyCombination.SHORTCUT_DOWN);
    public static final KeyCombination OPEN_RECORDING = new KeyCodeCombination(KeyCode.O, KeyCombination.SHORTCUT_DOWN,
            KeyCombination.SHIFT_DOWN);

    private PlaybackWindows() {
    }

    /** Shows {@code root} in a new window with the workbench's theme. */
    public static Stage show(Parent root, String title) {
        Stage stage = new Stage();
        Rectangle2D screen = Screen.getPrimary().getVisualBounds();
        Scene scene = new Scene(root, Math.min(1600, screen.getWidth()), Math.min(980, screen.getHeight()));
        scene.getStylesheets().add(Objects.requireNonNull(
                WorkbenchApp.class.getResource("theme/workbench.css")).toExternalForm());
        stage.setTitle(title);
        stage.setScene(scene);
        stage.setMinWidth(900);
        stage.setMinHeight(600);
        stage.show();
        return stage;
    }

    /** The File menu: open a scenario, open a recording, close the window. */
    public static MenuBar menu(Supplier<Window> owner, Runnable close) {
        MenuItem scenario = new MenuItem("Open scenario…");
        scenario.setAccelerator(OPEN_SCENARIO);
        scenario.setOnAction(e -> chooseScenario(owner.get()));
        MenuItem recording = new MenuItem("Open recording…");
        recording.setAccelerator(OPEN_RECORDING);
        recording.setOnAction(e -> chooseRecording(owner.get()));
        MenuItem closeItem = new MenuItem("Close window");
        closeItem.setAccelerator(new KeyCodeCombination(KeyCode.W, KeyCombination.SHORTCUT_DOWN));
        closeItem.setOnAction(e -> close.run());
        Menu file = new Menu("File", null, scenario, recording, closeItem);
        file.setId("file-menu");
        return new MenuBar(file);
    }

    public static void chooseScenario(Window owner) {
        FileChooser chooser = chooser("Open a scenario", "Scenario (*.yaml, *.yml)", "*.yaml", "*.yml");
        File file = chooser.showOpenDialog(owner);
        if (file != null) {
            openScenario(file.toPath());
        }
    }

    public static void chooseRecording(Window owner) {
        FileChooser chooser = chooser("Open a recording", "Recording (*.jsonl)", "*.jsonl", "*.json", "*.log");
        File file = chooser.showOpenDialog(owner);
        if (file != null) {
            openRecording(file.toPath());
        }
    }

    private static FileChooser chooser(String title, String description, String... patterns) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        chooser.getExtensionFilters().addAll(new FileChooser.ExtensionFilter(description, patterns),
                new FileChooser.ExtensionFilter("Any file", "*"));
        Path scenarios = Path.of("scenarios");
        if (scenarios.toFile().isDirectory() && patterns[0].equals("*.yaml")) {
            chooser.setInitialDirectory(scenarios.toFile());
        }
        return chooser;
    }

    /** A scenario window on {@code file}; a bad file shows its error in the window. On the FX thread. */
    public static ScenarioWindow openScenario(Path file) {
        return ScenarioWindow.open(file);
    }

    /** Reads {@code file} off the FX thread, then opens a replay window on it (or says what is wrong). */
    public static CompletableFuture<ReplayWindow> openRecording(Path file) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return RecordingReader.read(file);
            } catch (IOException | RuntimeException e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        }).handleAsync((recording, failure) -> {
            if (failure != null) {
                Throwable cause = failure instanceof java.util.concurrent.CompletionException c && c.getCause() != null
                        ? c.getCause() : failure;
                error("The recording cannot be opened", describe(file, cause));
                return null;
            }
            return ReplayWindow.open(recording);
        }, Platform::runLater);
    }

    /** What went wrong, in one sentence with the file: never a stack trace. */
    public static String describe(Path file, Throwable e) {
        if (e instanceof java.nio.file.NoSuchFileException) {
            return file + ": no such file";
        }
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.contains(file.toString()) ? message : file + ": " + message;
    }

    public static void error(String header, String message) {
        Alert alert = new Alert(Alert.AlertType.ERROR);
        alert.setHeaderText(header);
        alert.setContentText(message);
        alert.show();
    }

    /**
     * Starts JavaFX, lets {@code open} (on the FX thread) open the first window, and returns once every
     * window is closed.
     */
    public static void runUntilClosed(Runnable open) throws InterruptedException {
        CountDownLatch closed = new CountDownLatch(1);
        Platform.setImplicitExit(false);
        Platform.startup(() -> {
            Application.setUserAgentStylesheet(new PrimerDark().getUserAgentStylesheet());
            Window.getWindows().addListener((javafx.collections.ListChangeListener<Window>) c -> {
                if (Window.getWindows().isEmpty()) {
                    closed.countDown();
                }
            });
            open.run();
            if (Window.getWindows().isEmpty()) {
                closed.countDown();
            }
        });
        closed.await();
        Platform.exit();
    }
}
