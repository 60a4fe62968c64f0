package io.meshbench.cli.window;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * The windows the command line can open. The command line has no JavaFX; the workbench module
 * provides this service (META-INF/services), so a headless bundle without it still runs every
 * command that needs no screen, and says so for those that do.
 */
public interface Windows {

    /** Opens the workbench on a live or simulated mesh; the exit code once it is closed. */
    int workbench(WorkbenchSettings settings, PrintStream err) throws Exception;

    /** Opens a scenario in the window; {@code speed} as the user typed it ("1", "max", ...). */
    int scenario(Path file, String speed, boolean run, Path record, PrintStream err) throws Exception;

    /** Opens a recording in the replay window. */
    int recording(Path file, String speed, boolean play, PrintStream err) throws Exception;

    /** Opens the benchmarks window; {@code earlier} is a run to compare with, or null. */
    int bench(Path out, Path earlier, PrintStream err) throws Exception;

    /** Opens the history window on {@code file} (the default history when null). */
    default int history(Path file, PrintStream err) throws Exception {
        throw new IllegalStateException("this window module has no history window; use `meshbench history`");
    }

    /** The window module when it is on the class path. */
    static Optional<Windows> find() {
        return ServiceLoader.load(Windows.class).findFirst();
    }

    /** The window module, or an error that says which bundle has it. */
    static Windows require(String what) {
        return find().orElseThrow(() -> new IllegalStateException(what + " needs the workbench window, which this "
                + "MeshBench bundle does not include (the headless bundle); use the full bundle or ./meshbench "
                + "from the source tree, or the headless commands (meshbench --help)"));
    }
}
