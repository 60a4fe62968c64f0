package io.meshbench.app.bench;

import io.meshbench.bench.suite.BenchResults;
import io.meshbench.bench.suite.BenchSuite;
import io.meshbench.bench.suite.Comparison;
import io.meshbench.bench.suite.SummaryFile;
import javafx.scene.Node;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * The Benchmarks panel: runs the benchmark suite on a thread of its own with progress and Cancel, loads
 * a results folder, and compares it with an earlier one. Every failure ends as one line in the panel.
 * Plain Java apart from {@link #view()}; the tests drive it without the toolkit.
 */
public final class BenchController {

    /** Runs a suite: {@link BenchSuite#run} in the window; something quicker in tests. */
    public interface SuiteRunner {
        BenchResults run(BenchSuite.Request request, BenchSuite.Listener listener) throws Exception;
    }

    final BenchModel model = new BenchModel();
    private final SuiteRunner runner;
    private final Executor fx;
    private final Runnable onCancel;
    private BenchView view;
    private volatile Thread worker;
    private volatile boolean cancelled;

    /**
     * @param runner   what runs the suite
     * @param fx       runs a task on the window's thread ({@code Platform::runLater})
     * @param onCancel what else Cancel stops, from a thread of its own (the suite's forked JVMs)
     */
    public BenchController(SuiteRunner runner, Executor fx, Runnable onCancel) {
        this.runner = runner;
        this.fx = fx;
        this.onCancel = onCancel;
    }

    /** The panel as the window shows it: the real suite, its forks ended on Cancel. */
    public static BenchController forWindow() {
        return new BenchController(BenchSuite::run, javafx.application.Platform::runLater, ForkedJvms::destroy);
    }

    public Node view() {
        if (view == null) {
            view = new BenchView(model, this);
        }
        return view;
    }

    /** Runs the suite the panel's fields describe; completes when it has ended (or at once when they are wrong). */
    public CompletableFuture<Void> onRun() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (model.running.get()) {
            done.complete(null);
            return done;
        }
        BenchSuite.Request request;
        try {
            request = request();
        } catch (IllegalArgumentException e) {
            model.error.set(e.getMessage());
            done.complete(null);
            return done;
        }
        model.error.set("");
        model.running.set(true);
        model.progress.set(-1);
        model.progressText.set("starting the " + name(request.size()) + " suite…");
        model.status.set("");
        cancelled = false;
        ProgressRelay relay = new ProgressRelay(fx, p -> {
            if (model.running.get()) {
                model.progress.set(p.fraction());
                model.progressText.set(p.text());
            }
        }, System::nanoTime);
        long start = System.nanoTime();
        Thread thread = new Thread(() -> {
            BenchResults results = null;
            Throwable failure = null;
            try {
                results = runner.run(request, relay);
            } catch (Throwable t) {
                failure = t;
            }
            BenchResults ran = results;
            Throwable failed = failure;
            String took = ProgressRelay.duration(System.nanoTime() - start);
            fx.execute(() -> {
                finished(request, ran, failed, took);
                done.complete(null);
            });
        }, "meshbench-bench-suite");
        thread.setDaemon(true);
        worker = thread;
        thread.start();
        return done;
    }

    private void finished(BenchSuite.Request request, BenchResults results, Throwable failure, String took) {
        worker = null;
        model.running.set(false);
        if (cancelled) {
            model.progress.set(0);
            model.progressText.set("");
            model.status.set("cancelled after " + took + "; " + request.out() + " holds JMH's log and JSON of the part that ran");
        } else if (failure != null) {
            model.progress.set(0);
            model.error.set(Failures.describe("the " + name(request.size()) + " suite failed", failure, request.out()));
            model.status.set("");
        } else {
            model.progress.set(1);
            int failed = results.failures().size();
            String failedWords = failed == 0 ? "" : ", " + failed + (failed == 1 ? " benchmark" : " benchmarks")
                    + " failed (listed above)";
            model.progressText.set("done in " + took + failedWords);
            model.current.set(new BenchModel.Loaded(request.out(), results));
            model.compare();
            model.status.set("ran the " + name(request.size()) + " suite in " + took + failedWords + "; results in "
                    + request.out().toAbsolutePath());
        }
    }

    /** Stops the run: its thread is interrupted and JMH's forked JVMs are ended. */
    public void onCancel() {
        Thread thread = worker;
        if (thread == null || cancelled) {
            return;
        }
        cancelled = true;
        model.progressText.set("cancelling…");
        Thread stopper = new Thread(() -> {
            // JMH starts the next fork when one ends: keep ending them until the suite's thread has stopped.
            while (thread.isAlive()) {
                onCancel.run(); // the forks first: the suite's thread, interrupted, may be waiting on one
                thread.interrupt();
                try {
                    thread.join(200);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "meshbench-bench-cancel");
        stopper.setDaemon(true);
        stopper.start();
    }

    /** Shows the results in {@code folder} (a bench run's {@code --out}); completes when read or refused. */
    public CompletableFuture<Void> load(Path folder) {
        return read(folder, loaded -> {
            model.current.set(loaded);
            model.status.set(model.earlier.get() == null ? "opened " + folder : "comparing " + folder + " with "
                    + model.earlier.get().folder());
        }, "the results cannot be opened");
    }

    /** Compares the results shown with those in {@code folder}, an earlier run's. */
    public CompletableFuture<Void> loadEarlier(Path folder) {
        return read(folder, loaded -> {
            model.earlier.set(loaded);
            model.status.set(model.current.get() == null ? "opened " + folder + " to compare with: run the suite or "
                    + "open results" : "comparing " + model.current.get().folder() + " with " + folder);
        }, "the earlier results cannot be opened");
    }

    public void clearEarlier() {
        model.earlier.set(null);
        model.compare();
        model.status.set("");
    }

    private CompletableFuture<Void> read(Path folder, java.util.function.Consumer<BenchModel.Loaded> show, String what) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        // Cleared when asked, not when read: two folders read at once must not clear each other's error.
        model.error.set("");
        Thread thread = new Thread(() -> {
            BenchModel.Loaded loaded = null;
            Throwable failure = null;
            try {
                loaded = new BenchModel.Loaded(folder, SummaryFile.read(folder));
            } catch (Throwable t) {
                failure = t;
            }
            BenchModel.Loaded read = loaded;
            Throwable failed = failure;
            fx.execute(() -> {
                if (failed != null) {
                    model.error.set(Failures.describe(what, failed, null));
                } else {
                    show.accept(read);
                    model.compare();
                }
                done.complete(null);
            });
        }, "meshbench-bench-read");
        thread.setDaemon(true);
        thread.start();
        return done;
    }

    private BenchSuite.Request request() {
        String out = model.outFolder.get() == null ? "" : model.outFolder.get().strip();
        if (out.isEmpty()) {
            throw new IllegalArgumentException("Give an output folder for the results (bench-results, for instance)");
        }
        Path outPath = path(out, "output folder");
        if (Files.exists(outPath) && !Files.isDirectory(outPath)) {
            throw new IllegalArgumentException("The output folder " + out + " is a file: give a folder");
        }
        String peers = model.peersFile.get() == null ? "" : model.peersFile.get().strip();
        Path peersPath = null;
        if (!peers.isEmpty()) {
            peersPath = path(peers, "peers file");
            if (!Files.isRegularFile(peersPath) || !Files.isReadable(peersPath)) {
                throw new IllegalArgumentException("The peers file " + peers + " cannot be read: give a file of "
                        + "DEVICE_ID HOST PORT lines, or leave it empty");
            }
        }
        return new BenchSuite.Request(model.size.get(), peersPath, outPath);
    }

    private static Path path(String text, String what) {
        try {
            return Path.of(text);
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("The " + what + " " + text + " is not a path: " + e.getReason());
        }
    }

    static String name(BenchSuite.Size size) {
        return size.name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The comparison shown, for tests. */
    public Comparison comparison() {
        return model.comparison.get();
    }

    public String errorText() {
        return model.error.get();
    }

    public String statusText() {
        return model.status.get();
    }

    public boolean running() {
        return model.running.get();
    }
}
