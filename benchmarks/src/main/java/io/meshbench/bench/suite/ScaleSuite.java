package io.meshbench.bench.suite;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.meshbench.bench.scale.ChildJvm;
import io.meshbench.bench.scale.ProcStatus;
import io.meshbench.bench.scale.ScaleMeasurement;
import io.meshbench.bench.scale.ScaleScenarioMain;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * {@code meshbench bench --suite scale}: the virtual-time scale scenarios, each in a child JVM of its
 * own (the running JVM's {@code java}, class path and heap options: {@link ChildJvm}), measured for
 * wall time, events per second, tasks completed, peak resident set and heap, into the same results
 * as the JMH suites ({@link ScaleRows}). A scenario that fails (its JVM's exit code, out of memory,
 * an expectation) is reported with its reason, and the next one still runs.
 */
public final class ScaleSuite {

    /** The scale scenarios, in the order they run (files {@code scenarios/NAME.yaml}). */
    public static final List<String> SCENARIOS = List.of("scale-10k", "one-mesh-10k", "phones-100k", "chaos-10k");

    /** The longest one scenario may take before its JVM is stopped. */
    static final Duration TIMEOUT = Duration.ofMinutes(45);

    /** How long the probes of other work before and after each scenario watch the machine ({@link OtherWork}). */
    static final Duration PROBE = Duration.ofMillis(Suites.probeMs(BenchSuite.Size.SCALE));

    private static final ObjectMapper JSON = new ObjectMapper();

    private ScaleSuite() {
    }

    /** Runs the shipped scale scenarios, with the child JVM options {@link ChildJvm#options()}. */
    public static BenchResults run(Path out, BenchSuite.Listener listener) throws IOException, InterruptedException {
        Path folder = scenarioFolder();
        List<Path> files = SCENARIOS.stream().map(n -> folder.resolve(n + ".yaml")).toList();
        return run(files, out, listener, ChildJvm.options(), TIMEOUT);
    }

    static BenchResults run(List<Path> files, Path out, BenchSuite.Listener listener, List<String> jvmOptions,
                            Duration timeout) throws IOException, InterruptedException {
        Files.createDirectories(out);
        long started = System.nanoTime();
        List<Row> rows = new ArrayList<>();
        List<Failure> failures = new ArrayList<>();
        double suiteBefore = LoadAverage.now();
        double othersFirst = Double.NaN, othersLast = Double.NaN;
        for (int i = 0; i < files.size(); i++) {
            Path file = files.get(i);
            String name = file.getFileName().toString().replaceFirst("\\.ya?ml$", "");
            double base = i / (double) files.size();
            listener.progress(base, name);
            Outcome o = runOne(file, name, out, jvmOptions, timeout,
                    f -> listener.progress(Math.min(1, base + f / files.size()), name));
            if (o.measurement != null && o.measurement.failure() == null) {
                rows.addAll(ScaleRows.of(o.measurement, o.peakRss, o.jvmWallNanos, o.loadBefore, o.loadAfter,
                        o.othersBefore, o.othersAfter));
            }
            othersFirst = i == 0 ? o.othersBefore : othersFirst;
            othersLast = o.othersAfter;
            if (o.failure != null) {
                BenchSuite.fail(failures, listener, new Failure("scale", name, o.failure));
            }
        }
        Machine here = Machine.describe();
        Machine machine = new Machine(here.cores(), here.os(), here.jdk(), here.vm() + ", child JVMs "
                + String.join(" ", jvmOptions));
        BenchResults results = new BenchResults(BenchSuite.Size.SCALE, machine, rows, null, suiteBefore,
                LoadAverage.now(), failures, othersFirst, othersLast, (System.nanoTime() - started) / 1e9);
        Reports.write(results, List.of(), out);
        listener.progress(1, "done");
        return results;
    }

    interface Progress {
        void at(double fraction);
    }

    /**
     * One scenario's run: what it measured (or null), the polled peak RSS, the load average and the other work
     * ({@link OtherWork}, probed while no scenario ran) before and after it, and why it failed (or null).
     */
    private record Outcome(ScaleMeasurement measurement, long peakRss, long jvmWallNanos, double loadBefore,
                           double loadAfter, double othersBefore, double othersAfter, String failure) {
    }

    private static Outcome runOne(Path file, String name, Path out, List<String> jvmOptions, Duration timeout,
                                  Progress progress) throws IOException, InterruptedException {
        Path result = out.resolve("scale-" + name + ".json");
        Path log = out.resolve("scale-" + name + ".log");
        Files.deleteIfExists(result);
        if (!Files.isReadable(file)) {
            return new Outcome(null, -1, 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, file + " cannot be read: the scale scenarios "
                    + "ship in scenarios/");
        }
        double before = LoadAverage.now();
        double othersBefore = OtherWork.probe(PROBE);
        long start = System.nanoTime();
        Process p = new ProcessBuilder(ChildJvm.command(jvmOptions, ScaleScenarioMain.class,
                List.of(file.toAbsolutePath().toString(), result.toAbsolutePath().toString())))
                .redirectError(log.toFile()).start();
        p.getOutputStream().close();
        Thread reader = Thread.ofVirtual().start(() -> readProgress(p, progress));
        long peak = -1;
        boolean ended = false;
        long deadline = start + timeout.toNanos();
        while (!ended && System.nanoTime() < deadline) {
            peak = Math.max(peak, ProcStatus.peakRssBytes(p.pid()).orElse(-1));
            ended = p.waitFor(100, TimeUnit.MILLISECONDS);
        }
        if (!ended) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            p.waitFor();
        }
        long jvmWall = System.nanoTime() - start;
        reader.join(Duration.ofSeconds(5));
        double after = LoadAverage.now();
        double othersAfter = OtherWork.probe(PROBE); // the child has ended; its time is the suite's own anyway
        ScaleMeasurement m = Files.isRegularFile(result) ? readResult(result) : null;
        String failure;
        if (!ended) {
            failure = String.format(Locale.ROOT, "did not finish within %d min; stopped (its output: %s)",
                    timeout.toMinutes(), log);
        } else if (m != null && m.failure() != null) {
            failure = m.failure();
        } else if (m == null) {
            failure = exited(name, p.exitValue(), log);
        } else if (!m.passed()) {
            failure = "expectation failed: " + m.expectations();
        } else if (p.exitValue() != 0) {
            failure = exited(name, p.exitValue(), log);
        } else {
            failure = null;
        }
        return new Outcome(m, peak, jvmWall, before, after, othersBefore, othersAfter, failure);
    }

    private static void readProgress(Process p, Progress progress) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.startsWith(ScaleScenarioMain.PROGRESS)) {
                    try {
                        progress.at(Double.parseDouble(line.substring(ScaleScenarioMain.PROGRESS.length()).trim()));
                    } catch (NumberFormatException ignored) {
                        // not a progress line after all
                    }
                }
            }
        } catch (IOException ignored) {
            // the child ended
        }
    }

    private static ScaleMeasurement readResult(Path result) {
        try {
            return JSON.readValue(result.toFile(), ScaleMeasurement.class);
        } catch (IOException e) {
            return null; // cut short while writing: the exit code and the log say why
        }
    }

    /** Why a child JVM that wrote no result ended, from its exit code and the last lines it printed. */
    static String exited(String name, int code, Path log) {
        String text = "";
        try {
            text = Files.readString(log);
        } catch (IOException ignored) {
            // no log: the exit code alone
        }
        if (text.contains("OutOfMemoryError")) {
            return "out of memory: " + name + " needs more heap than the child JVM's limit; give it more, e.g. "
                    + "MESHBENCH_JAVA_OPTS=-Xmx2g ./meshbench bench --suite scale (its output: " + log + ")";
        }
        String[] lines = text.strip().split("\n");
        String last = lines[lines.length - 1].strip();
        return "its JVM exited with code " + code + (last.isEmpty() ? "" : ": " + last) + " (its output: " + log + ")";
    }

    /**
     * The folder of the shipped scenarios: {@code scenarios/} in the working folder, or beside MeshBench's
     * jars (the source tree's root, a bundle's folder).
     */
    static Path scenarioFolder() {
        Path cwd = Path.of("scenarios");
        if (Files.isRegularFile(cwd.resolve(SCENARIOS.get(0) + ".yaml"))) {
            return cwd;
        }
        try {
            Path here = Path.of(ScaleSuite.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            for (Path dir = here; dir != null; dir = dir.getParent()) {
                if (Files.isRegularFile(dir.resolve("scenarios").resolve(SCENARIOS.get(0) + ".yaml"))) {
                    return dir.resolve("scenarios");
                }
            }
        } catch (URISyntaxException | SecurityException | NullPointerException e) {
            // no code source to start from: the message below
        }
        throw new IllegalStateException("no scenarios/" + SCENARIOS.get(0) + ".yaml in " + Path.of("").toAbsolutePath()
                + " or beside MeshBench's jars; run the scale suite from MeshBench's folder");
    }
}
