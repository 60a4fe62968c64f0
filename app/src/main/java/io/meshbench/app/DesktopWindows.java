package io.meshbench.app;

import io.meshbench.app.bench.BenchLauncher;
import io.meshbench.app.playback.PlaybackLauncher;
import io.meshbench.app.playback.Speed;
import io.meshbench.cli.window.Windows;
import io.meshbench.cli.window.WorkbenchSettings;

import java.io.PrintStream;
import java.nio.file.Path;

/** The JavaFX windows, found by the command line through {@link java.util.ServiceLoader}. */
public final class DesktopWindows implements Windows {

    @Override
    public int workbench(WorkbenchSettings settings, PrintStream err) throws Exception {
        return WorkbenchLauncher.open(settings, err);
    }

    @Override
    public int scenario(Path file, String speed, boolean run, Path record, PrintStream err) throws Exception {
        return PlaybackLauncher.openScenario(file, Speed.parse(speed), run, record, err);
    }

    @Override
    public int recording(Path file, String speed, boolean play, PrintStream err) throws Exception {
        return PlaybackLauncher.openRecording(file, Speed.parse(speed), play, err);
    }

    @Override
    public int bench(Path out, Path earlier, PrintStream err) throws Exception {
        return BenchLauncher.open(out, earlier, err);
    }

    @Override
    public int history(Path file, PrintStream err) throws Exception {
        return io.meshbench.app.history.HistoryWindow.launch(file, err);
    }
}
