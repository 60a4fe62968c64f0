package io.meshbench.plugin.check;

import io.meshbench.plugin.LoadedPlugin;
import io.meshbench.plugin.PluginJar;
import io.meshbench.plugin.PluginProblem;
import io.meshbench.plugin.api.MetricSourceProvider;
import io.meshbench.plugin.api.SelectionStrategy;
import io.meshbench.plugin.api.SlmEngineProvider;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The conformance suite of {@code meshbench plugin check JAR}: loads the jar the way a node does
 * ({@link PluginJar}, its own class loader behind the API-only parent) and runs every plugin in it
 * against the contract of its kind ({@link MetricsChecks}, {@link SlmChecks}, {@link StrategyChecks}).
 */
public final class PluginCheck {

    private PluginCheck() {
    }

    /** How long an SLM engine may take to complete a prompt in the checks, by default. */
    public static final java.time.Duration COMPLETE_TIMEOUT = java.time.Duration.ofSeconds(20);

    /** Checks every plugin in {@code jar}; {@code config} is handed to metric sources and SLM engines. */
    public static CheckReport check(Path jar, Map<String, Object> config) {
        return check(jar, config, COMPLETE_TIMEOUT);
    }

    /** As {@link #check(Path, Map)}, giving an SLM engine {@code completeTimeout} to answer a prompt. */
    public static CheckReport check(Path jar, Map<String, Object> config, java.time.Duration completeTimeout) {
        return check(jar, config, completeTimeout, Timing.JUDGED);
    }

    /** Whether the speed checks (sampling, ranking 10,000 bids) pass or fail on their time limits. */
    public enum Timing {
        /** Over its limit, a speed check fails: what {@code meshbench plugin check} does. */
        JUDGED,
        /** The time is measured and shown but decides nothing: for checks run on a busy machine, as in a test suite. */
        SHOWN
    }

    /** As {@link #check(Path, Map, java.time.Duration)}, with the speed checks judged or only shown. */
    public static CheckReport check(Path jar, Map<String, Object> config, java.time.Duration completeTimeout,
                                    Timing timing) {
        CheckReport report = new CheckReport(jar.toString());
        PluginJar loaded = PluginJar.load(jar, PluginCheck.class.getClassLoader());
        String subject = "jar " + jar.getFileName();
        for (PluginProblem problem : loaded.problems()) {
            report.fail(subject, "loads like a node loads it", problem.fault());
        }
        if (loaded.plugins().isEmpty()) {
            if (loaded.problems().isEmpty()) {
                report.fail(subject, "loads like a node loads it", "no plugin found");
            }
            return report;
        }
        report.pass(subject, "loads like a node loads it", loaded.plugins().size()
                + (loaded.plugins().size() == 1 ? " plugin: " : " plugins: ") + String.join(", ",
                loaded.plugins().stream().map(f -> f.kind().id() + " \"" + f.plugin().name() + "\" "
                        + f.plugin().version()).toList()));
        for (PluginJar.Found found : loaded.plugins()) {
            String name = found.kind().id() + " \"" + found.plugin().name() + "\"";
            switch (found.kind()) {
                case METRICS -> MetricsChecks.run(report, name, (MetricSourceProvider) found.plugin(), config, timing);
                case SLM -> SlmChecks.run(report, name, (SlmEngineProvider) found.plugin(), config, completeTimeout);
                case STRATEGY -> StrategyChecks.run(report, name, (SelectionStrategy) found.plugin(), timing);
            }
        }
        return report;
    }

    /** Runs {@code work} on a thread of its own and gives up after {@code seconds}: a plugin that hangs fails, not the check. */
    static <T> T within(double seconds, Callable<T> work) throws Exception {
        ExecutorService runner = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "plugin-check");
            t.setDaemon(true);
            return t;
        });
        try {
            Future<T> result = runner.submit(work);
            try {
                return result.get((long) (seconds * 1000), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                result.cancel(true);
                throw new TimeoutException("did not return within " + seconds + " s");
            } catch (ExecutionException e) {
                throw e.getCause() instanceof Exception ex ? ex : new RuntimeException(e.getCause());
            }
        } finally {
            runner.shutdownNow();
        }
    }

    /** What a plugin threw, for a report line. */
    static String thrown(Throwable e) {
        return e instanceof TimeoutException ? e.getMessage() : e.toString();
    }

    /** For listings: {@code kind "name" version}. */
    static String describe(LoadedPlugin plugin) {
        return plugin.kind() + " \"" + plugin.name() + "\" " + plugin.version();
    }
}
