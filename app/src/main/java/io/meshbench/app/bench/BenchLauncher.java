package io.meshbench.app.bench;

import io.meshbench.app.playback.PlaybackWindows;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Optional;

/** {@code meshbench bench --window}: the Benchmarks panel from the command line, until its window is closed. */
public final class BenchLauncher {

    private BenchLauncher() {
    }

    public static int open(Path out, Path earlier, PrintStream err) throws InterruptedException {
        Optional<String> missing = io.meshbench.app.shell.Shell.noDisplay();
        if (missing.isPresent()) {
            err.println("meshbench: " + missing.get() + ", so the window cannot open; run the suite headless with "
                    + "`meshbench bench` (and `--compare OLD_DIR`), or open the window on a virtual screen with "
                    + "`xvfb-run ./meshbench bench --window`");
            return 2;
        }
        System.setProperty("org.slf4j.simpleLogger.log.javafx", "error");
        PlaybackWindows.runUntilClosed(() -> BenchWindow.open(out, earlier));
        return 0;
    }
}
