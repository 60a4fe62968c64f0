package io.meshbench.bench.scale;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.meshbench.event.EventBus;
import io.meshbench.plugin.PluginRegistry;
import io.meshbench.report.RunStats;
import io.meshbench.scenario.ExpectationResult;
import io.meshbench.scenario.RunOutcome;
import io.meshbench.scenario.Scenario;
import io.meshbench.scenario.ScenarioException;
import io.meshbench.scenario.ScenarioReader;
import io.meshbench.scenario.ScenarioRunner;
import io.meshbench.scenario.VirtualRun;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.ref.Reference;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The child JVM of one scale run ({@code meshbench bench --suite scale} starts one per scenario):
 * runs a scenario in virtual time to its end, then writes what it measured to a JSON file
 * ({@link ScaleMeasurement}) before it exits, its own peak resident set included.
 *
 * <p>{@code ScaleScenarioMain SCENARIO.yaml RESULT.json}. Prints {@code progress 0.420} lines on
 * standard output as the run goes. Exit code 0 when every expectation held, 1 when one failed, 2
 * when the run could not finish (out of memory, a bad scenario); the result file says why.
 */
public final class ScaleScenarioMain {

    /** Prefix of the progress lines on standard output. */
    public static final String PROGRESS = "progress ";

    private static final ObjectMapper JSON = new ObjectMapper();

    private ScaleScenarioMain() {
    }

    public static void main(String[] args) {
        if (args.length != 2) {
            System.err.println("usage: ScaleScenarioMain SCENARIO.yaml RESULT.json");
            System.exit(2);
        }
        System.exit(run(Path.of(args[0]), Path.of(args[1]), System.out));
    }

    static int run(Path file, Path result, PrintStream progress) {
        String name = file.getFileName().toString().replaceFirst("\\.ya?ml$", "");
        ScaleMeasurement m;
        try {
            Scenario scenario = ScenarioReader.read(file);
            name = scenario.name();
            m = measure(scenario, progress);
        } catch (OutOfMemoryError e) {
            // Leaving measure() let go of the mesh: there is room again to say what happened.
            m = ScaleMeasurement.failed(name, outOfMemory(name));
        } catch (ScenarioException | IllegalArgumentException | IllegalStateException e) {
            m = ScaleMeasurement.failed(name, String.valueOf(e.getMessage()));
        }
        try {
            JSON.writeValue(result.toFile(), m);
        } catch (IOException e) {
            System.err.println("cannot write " + result + ": " + e.getMessage());
            return 2;
        }
        if (m.failure() != null) {
            System.err.println(name + ": " + m.failure());
            return 2;
        }
        return m.passed() ? 0 : 1;
    }

    /** What an OutOfMemoryError in a scale run means, and what to do. */
    public static String outOfMemory(String scenario) {
        return String.format(Locale.ROOT, "out of memory: %s needs more heap than this JVM's limit of %,d MB; "
                + "give it more, e.g. MESHBENCH_JAVA_OPTS=-Xmx2g ./meshbench bench --suite scale "
                + "(or ./meshbench scenario run FILE)", scenario, Runtime.getRuntime().maxMemory() >> 20);
    }

    private static ScaleMeasurement measure(Scenario scenario, PrintStream progress) {
        PluginRegistry plugins = PluginRegistry.fromClassPath();
        ScenarioRunner.Options options = ScenarioRunner.Options.of(scenario);
        plugins.strategy(options.strategy());
        long heapBase = usedHeapAfterGc();
        long start = System.nanoTime();
        VirtualRun run = new ScenarioRunner(scenario, plugins, new EventBus(), options).prepare();
        try (run) {
            long end = run.endNanos();
            long slice = Math.max(1, end / 100);
            for (long t = slice; t <= end; t += slice) {
                run.advanceTo(t);
                progress.printf(Locale.ROOT, "%s%.3f%n", PROGRESS, (double) t / end);
            }
            run.advanceTo(end);
            while (!run.finished()) {
                run.advanceTo(Math.min(run.limitNanos(), run.nowNanos() + Duration.ofSeconds(1).toNanos()));
            }
            RunOutcome o = run.outcome();
            long wall = System.nanoTime() - start;
            progress.printf(Locale.ROOT, "%s%.3f%n", PROGRESS, 1.0);
            progress.flush();
            long heapEnd = usedHeapAfterGc();
            Reference.reachabilityFence(run); // the mesh is what the heap at the end measures
            RunStats t = o.tally();
            return new ScaleMeasurement(scenario.name(), o.devices(), o.meshes(), o.actions(), wall, t.opened(),
                    t.completed(), t.failed(), t.unfinished(), o.passed(),
                    o.expectations().stream().map(ExpectationResult::describe).collect(Collectors.joining("; ")),
                    heapBase, heapEnd, heapPeak(), Runtime.getRuntime().maxMemory(),
                    ProcStatus.peakRssBytes(ProcessHandle.current().pid()).orElse(-1),
                    ManagementFactory.getGarbageCollectorMXBeans().stream().map(GarbageCollectorMXBean::getName)
                            .collect(Collectors.joining(", ")), null);
        }
    }

    private static long usedHeapAfterGc() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static long heapPeak() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }
}
