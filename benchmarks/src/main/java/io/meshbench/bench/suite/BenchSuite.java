package io.meshbench.bench.suite;

import io.meshbench.bench.load.OpenLoop;
import io.meshbench.bench.mesh.LoopbackBenchMesh;
import io.meshbench.bench.mesh.MeshKind;
import io.meshbench.plugin.PluginRegistry;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The benchmark suite behind {@code meshbench bench} and the workbench's Benchmarks panel: runs the
 * JMH benchmarks step by step (each in forked JVMs, JMH's JSON per step and merged), then the
 * open-loop load generator, and writes {@code jmh.json}, {@code summary.md}, {@code summary.json}
 * and {@code report.html} (plots) to the output folder. Plain Java: call {@link #run} from any thread.
 */
public final class BenchSuite {

    /**
     * How much to run: {@code smoke} runs every benchmark once (the test suite), {@code quick} takes minutes;
     * {@code scale} runs the virtual-time scale scenarios instead, each in a child JVM ({@link ScaleSuite}).
     */
    public enum Size { SMOKE, QUICK, FULL, SCALE }

    /**
     * @param size      what to run
     * @param peersFile a peers file whose mesh to measure too, or null
     * @param out       folder for the results (created)
     */
    public record Request(Size size, Path peersFile, Path out) {
    }

    /** Hears how far the suite has come. */
    public interface Listener {
        /** @param fraction 0 to 1; {@code what} is the benchmark running now */
        void progress(double fraction, String what);

        /** A benchmark failed, as it happens (the suite goes on; the summary lists it too). */
        default void failed(Failure failure) {
        }
    }

    /** Keeps {@code failure} for the summary and tells {@code listener} at once. */
    static void fail(List<Failure> failures, Listener listener, Failure failure) {
        failures.add(failure);
        listener.failed(failure);
    }

    /** The target p99 of the load generator and the peers it runs with. */
    public static final double LOAD_P99_TARGET_MS = 10;
    public static final int LOAD_PEERS = 10;

    private BenchSuite() {
    }

    public static BenchResults run(Request request, Listener listener) throws IOException, InterruptedException {
        if (request.size() == Size.SCALE) {
            return ScaleSuite.run(request.out(), listener);
        }
        if (request.peersFile() != null && !Files.isReadable(request.peersFile())) {
            throw new IllegalArgumentException("peers file " + request.peersFile()
                    + " cannot be read; give a file of DEVICE_ID HOST PORT lines");
        }
        return run(request, Plan.of(request.size(), request.peersFile() != null), listener);
    }

    /**
     * What a suite runs: its JMH steps, then the open loop's rates, each run {@code repeats} times for
     * {@code stepMs}, for auctions and for full tasks.
     */
    record Plan(List<Step> steps, double[] rates, int repeats, int stepMs, int probeMs) {
        static Plan of(Size size, boolean peersFile) {
            return new Plan(Suites.steps(size, peersFile), Suites.loadRates(size), Suites.loadRepeats(size),
                    Suites.loadStepMs(size), Suites.probeMs(size));
        }
    }

    /**
     * Runs {@code plan}: each step in its own JMH run, caught on its own, so that a benchmark that fails is
     * recorded as a {@link Failure} while every other result is kept; then the open loop. Writes every file
     * whatever failed.
     */
    static BenchResults run(Request request, Plan plan, Listener listener) throws IOException, InterruptedException {
        long started = System.nanoTime();
        if (System.getProperty("jmh.ignoreLock") == null) {
            // JMH refuses to run beside another JMH run on the machine (its /tmp/jmh.lock), which would fail every
            // step; the suite runs, and the probes of other work mark what the other run disturbed as not judged
            System.setProperty("jmh.ignoreLock", "true");
        }
        Duration probe = Duration.ofMillis(plan.probeMs());
        Files.createDirectories(request.out());
        List<Step> steps = plan.steps();
        int total = 2 * plan.rates().length * plan.repeats() + steps.stream()
                .mapToInt(s -> s.runs(methods(s.benchmark()))
                        * (s.warmups() + s.iterations())).sum();
        int[] done = {0};
        List<Row> rows = new ArrayList<>();
        List<Path> jsons = new ArrayList<>();
        List<Failure> failures = new ArrayList<>();
        try (PrintStream log = new PrintStream(Files.newOutputStream(request.out().resolve("jmh.log")), true)) {
            for (Step step : steps) {
                listener.progress(Math.min(1, done[0] / (double) total), step.name());
                Path json = request.out().resolve("jmh-" + step.name() + ".json");
                double before = LoadAverage.now();
                double othersBefore = OtherWork.probe(probe);
                ProgressFormat format = new ProgressFormat(OutputFormatFactory.createFormatInstance(log, VerboseMode.NORMAL),
                        label -> listener.progress(Math.min(1, ++done[0] / (double) total), label));
                Collection<RunResult> results = List.of();
                try {
                    results = new Runner(options(step, json, request.peersFile()), format).run();
                } catch (RunnerException | RuntimeException e) {
                    log.println("meshbench: step " + step.name() + " failed: " + Failure.reason(e));
                    fail(failures, listener, new Failure(step.name(),
                            format.label().isEmpty() ? step.benchmark() : format.label(), Failure.reason(e)));
                }
                double after = LoadAverage.now();
                double othersAfter = OtherWork.probe(probe);
                results.forEach(r -> rows.add(Rows.of(r, before, after).withOthers(othersBefore, othersAfter)));
                format.failures().forEach((label, why) -> {
                    if (failures.stream().noneMatch(f -> f.benchmark().equals(label))) {
                        fail(failures, listener, new Failure(step.name(), label.isEmpty() ? step.benchmark() : label, why));
                    }
                });
                int expected = step.runs(methods(step.benchmark()));
                long failedHere = failures.stream().filter(f -> f.step().equals(step.name())).count();
                if (results.size() + failedHere < expected) {
                    fail(failures, listener, new Failure(step.name(), step.benchmark(), (expected - results.size() - failedHere)
                            + " of its " + expected + " benchmarks gave no result"
                            + (format.forkExit() == null ? "" : " (" + format.forkExit() + ")") + "; see jmh.log"));
                }
                jsons.add(json);
            }
        }
        listener.progress(Math.min(1, done[0] / (double) total), "open-loop load, " + LOAD_PEERS + " peers");
        OpenLoop.Result load = null;
        double loadBefore = LoadAverage.now();
        double othersBefore = OtherWork.probe(probe);
        OpenLoop.Machine machine = new OpenLoop.Machine() {
            @Override
            public double others() {
                return OtherWork.probe(probe);
            }

            @Override
            public double load() {
                return LoadAverage.now();
            }
        };
        try (LoopbackBenchMesh mesh = new LoopbackBenchMesh(LOAD_PEERS, PluginRegistry.fromClassPath())) {
            load = OpenLoop.sustained(mesh, plan.rates(), plan.repeats(), Duration.ofMillis(plan.stepMs()),
                    LOAD_P99_TARGET_MS, machine, run -> listener.progress(Math.min(1, ++done[0] / (double) total),
                            "open-loop load at " + (int) run.rate() + "/s"));
        } catch (IOException | RuntimeException e) {
            fail(failures, listener, new Failure("open-loop", "OpenLoop, " + LOAD_PEERS + " peers", Failure.reason(e)));
        }
        BenchResults results = new BenchResults(request.size(), Machine.describe(), rows, load, loadBefore,
                LoadAverage.now(), failures, othersBefore, OtherWork.probe(probe), (System.nanoTime() - started) / 1e9);
        Reports.write(results, jsons, request.out());
        listener.progress(1, "done");
        return results;
    }

    private static org.openjdk.jmh.runner.options.Options options(Step step, Path json, Path peersFile) {
        ChainedOptionsBuilder b = new OptionsBuilder()
                .include("\\." + step.benchmark() + "\\.")
                .forks(1)
                .warmupIterations(step.warmups())
                .warmupTime(TimeValue.milliseconds(step.warmupMs()))
                .measurementIterations(step.iterations())
                .measurementTime(TimeValue.milliseconds(step.iterationMs()))
                .shouldFailOnError(false) // a failing benchmark is reported; the others go on
                .resultFormat(ResultFormatType.JSON)
                .result(json.toString());
        step.params().forEach((name, values) -> b.param(name, values.toArray(String[]::new)));
        if (peersFile != null) {
            b.jvmArgsAppend("-D" + MeshKind.PEERS_FILE_PROPERTY + "=" + peersFile.toAbsolutePath());
        }
        return b.build();
    }

    /** The benchmark methods of each benchmark class, for the progress of a suite. */
    static int methods(String benchmark) {
        return switch (benchmark) {
            case "CodecBenchmark", "RoundTripBenchmark" -> 2;
            case "SecurityBenchmark" -> 5;
            default -> 1;
        };
    }
}
