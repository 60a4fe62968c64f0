package io.meshbench.app.playback;

import io.meshbench.app.replay.ReplayWindow;
import io.meshbench.record.Recording;
import io.meshbench.record.RecordingReader;
import io.meshbench.scenario.ScenarioReader;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Opens a scenario or a recording in the window from the command line. The file is checked first,
 * in the terminal: a bad one is refused there with its error (exit code 2) and no window opens.
 */
public final class PlaybackLauncher {

    private PlaybackLauncher() {
    }

    /** {@code meshbench scenario open FILE}, {@code meshbench --scenario FILE}. */
    public static int openScenario(Path file, Speed speed, boolean run, Path record, PrintStream err)
            throws InterruptedException {
        ScenarioReader.read(file); // a ScenarioException names the file, line, column and field
        if (!screen(err)) {
            return 2;
        }
        PlaybackWindows.runUntilClosed(() -> {
            var window = PlaybackWindows.openScenario(file);
            window.setSpeed(speed.toViews());
            if (record != null) {
                try {
                    window.recordTo(record);
                } catch (IOException e) {
                    PlaybackWindows.error("The run cannot be recorded", record + ": " + e.getMessage());
                }
            }
            if (run) {
                window.onRun();
            }
        });
        return 0;
    }

    /** {@code meshbench replay FILE}. */
    public static int openRecording(Path file, Speed speed, boolean play, PrintStream err)
            throws IOException, InterruptedException {
        RecordingReader.header(file); // not a recording: refused at once, before reading it all
        if (!screen(err)) {
            return 2;
        }
        Recording recording = RecordingReader.read(file);
        recording.truncation().ifPresent(t -> err.println("meshbench: " + t));
        recording.warnings().forEach(w -> err.println("meshbench: " + w));
        PlaybackWindows.runUntilClosed(() -> {
            ReplayWindow window = PlaybackWindows.track(file, ReplayWindow.open(recording));
            window.setSpeed(speed.toViews());
            if (play) {
                window.onPlay();
            }
        });
        return 0;
    }

    private static boolean screen(PrintStream err) {
        Optional<String> missing = io.meshbench.app.shell.Shell.noDisplay();
        if (missing.isPresent()) {
            err.println("meshbench: " + missing.get() + ", so the window cannot open; run it on a virtual screen with "
                    + "`xvfb-run ./meshbench ...`, or use the headless commands (`meshbench scenario run`, "
                    + "`meshbench replay FILE --strategy NAME`, `meshbench report`)");
            return false;
        }
        System.setProperty("org.slf4j.simpleLogger.log.javafx", "error");
        return true;
    }
}
