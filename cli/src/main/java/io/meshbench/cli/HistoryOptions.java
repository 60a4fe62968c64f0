package io.meshbench.cli;

import io.meshbench.auction.Orchestrator;
import io.meshbench.event.EventBus;
import io.meshbench.history.HistoryException;
import io.meshbench.history.HistoryForecast;
import io.meshbench.history.HistoryRecorder;
import io.meshbench.history.HistoryStore;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/**
 * {@code --history FILE} and {@code --no-history} of the commands that run a live mesh: every task
 * goes into the history file ({@code ~/.meshbench/history.db} by default, or {@code $MESHBENCH_HISTORY};
 * {@code MESHBENCH_HISTORY=off} turns it off), and the orchestrator's forecast starts from the last
 * 30 days of it. A history file that cannot be used costs one warning line, never the mesh.
 */
final class HistoryOptions {

    static final long FORECAST_WINDOW_MS = 30L * 86_400_000L;

    @Option(names = "--history", paramLabel = "FILE",
            description = "Keep every task in this history file (default: ~/.meshbench/history.db, or $MESHBENCH_HISTORY); "
                    + "see `meshbench history`.")
    Path history;

    @Option(names = "--no-history", description = "Keep nothing in the history file (also: MESHBENCH_HISTORY=off).")
    boolean off;

    /** Starts keeping the tasks of {@code bus}; seeds {@code orchestrator}'s forecast first. Close it after the mesh. */
    AutoCloseable start(EventBus bus, Orchestrator orchestrator) {
        if (off || (history == null && HistoryStore.offByEnvironment())) {
            return () -> { };
        }
        Path file = history != null ? history : HistoryStore.defaultPath();
        HistoryRecorder recorder;
        try {
            HistoryStore store = HistoryStore.open(file);
            long now = System.currentTimeMillis();
            HistoryForecast.seed(store, orchestrator.workload().forecast(), now - FORECAST_WINDOW_MS, now);
            recorder = new HistoryRecorder(store, "live", false);
        } catch (HistoryException e) {
            System.err.println("meshbench: history off for this run: " + e.getMessage());
            return () -> { };
        }
        return keep(bus, recorder);
    }

    /** Subscribes {@code recorder}; the handle (or Ctrl-C) writes what is left and closes the file. */
    static AutoCloseable keep(EventBus bus, HistoryRecorder recorder) {
        AutoCloseable subscription = bus.subscribe(recorder);
        Thread hook = new Thread(recorder::close, "meshbench-history-close");
        Runtime.getRuntime().addShutdownHook(hook);
        return () -> {
            subscription.close();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook runs; closing twice is harmless
            }
            recorder.close();
            if (recorder.dropped() > 0) {
                System.err.println("meshbench: history: " + recorder.dropped() + " tasks not kept in "
                        + recorder.store().file() + (recorder.failure() != null ? " (" + recorder.failure().getMessage()
                        + ")" : " (the disk fell behind)"));
            }
        };
    }
}
