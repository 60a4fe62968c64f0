package io.meshbench.app.playback;

import io.meshbench.app.replay.ReplayWindow;
import io.meshbench.app.scenario.ScenarioWindow;
import io.meshbench.app.shell.Shell;
import io.meshbench.record.RecordingReader;
import javafx.application.Platform;
import javafx.stage.Window;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

/**
 * Opens scenario and replay windows: from the File menu of any window (through the shell's openers,
 * which {@link #register} sets) and from the command line ({@link #runUntilClosed}). A file already
 * open in a window is brought to the front rather than opened again.
 */
public final class PlaybackWindows {

    private static final Map<Path, ScenarioWindow> scenarios = new HashMap<>();
    private static final Map<Path, ReplayWindow> replays = new HashMap<>();

    private PlaybackWindows() {
    }

    /** Lets every window's File menu open scenarios and recordings, and quit every window. */
    public static void register() {
        Shell.setOpeners(PlaybackWindows::openScenario, PlaybackWindows::openRecording, PlaybackWindows::quitAll);
    }

    /** Closes every window, then JavaFX. */
    public static void quitAll() {
        for (Window w : new ArrayList<>(Window.getWindows())) {
            w.hide();
        }
        Platform.exit();
    }

    private static Path key(Path file) {
        return file.toAbsolutePath().normalize();
    }

    /**
     * A scenario window on {@code file} (the one already open on it, brought to the front); a bad file
     * shows its error in the window. On the FX thread.
     */
    public static ScenarioWindow openScenario(Path file) {
        ScenarioWindow open = scenarios.get(key(file));
        if (open != null && open.stage().isShowing()) {
            open.stage().toFront();
            return open;
        }
        ScenarioWindow window = ScenarioWindow.open(file);
        scenarios.put(key(file), window);
        window.stage().showingProperty().addListener((o, was, now) -> {
            if (!now) {
                scenarios.remove(key(file), window);
            }
        });
        return window;
    }

    /** Reads {@code file} off the FX thread, then opens a replay window on it (or says what is wrong). */
    public static CompletableFuture<ReplayWindow> openRecording(Path file) {
        ReplayWindow open = replays.get(key(file));
        if (open != null && open.stage().isShowing()) {
            open.stage().toFront();
            return CompletableFuture.completedFuture(open);
        }
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
                Shell.error("The recording cannot be opened", Shell.describe(file, cause));
                return null;
            }
            return track(file, ReplayWindow.open(recording));
        }, Platform::runLater);
    }

    /** Remembers the replay window open on {@code file}. */
    public static ReplayWindow track(Path file, ReplayWindow window) {
        replays.put(key(file), window);
        window.stage().showingProperty().addListener((o, was, now) -> {
            if (!now) {
                replays.remove(key(file), window);
            }
        });
        return window;
    }

    /** What went wrong, in one sentence with the file: never a stack trace. */
    public static String describe(Path file, Throwable e) {
        return Shell.describe(file, e);
    }

    public static void error(String header, String message) {
        Shell.error(header, message);
    }

    /**
     * Starts JavaFX, lets {@code open} (on the FX thread) open the first window, and returns once every
     * window is closed.
     */
    public static void runUntilClosed(Runnable open) throws InterruptedException {
        CountDownLatch closed = new CountDownLatch(1);
        Platform.setImplicitExit(false);
        Platform.startup(() -> {
            Shell.startTheme();
            register();
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
