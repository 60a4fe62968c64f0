package io.meshbench.cli;

import io.meshbench.event.EventBus;
import io.meshbench.plugin.PluginRegistry;
import io.meshbench.scenario.LiveScenarioRunner;
import io.meshbench.scenario.RunOutcome;
import io.meshbench.scenario.Scenario;
import io.meshbench.scenario.ScenarioReader;
import io.meshbench.scenario.ScenarioRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import io.meshbench.report.ReportFiles;
import io.meshbench.report.RunAnalyzer;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code meshbench scenario run FILE}: a scripted mesh, headless. */
@Command(name = "scenario", mixinStandardHelpOptions = true,
        description = "Scripted meshes (see scenarios/README.md).",
        subcommands = {ScenarioCommand.Run.class, ScenarioCommand.Open.class})
final class ScenarioCommand implements Runnable {

    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    @Command(name = "run", mixinStandardHelpOptions = true,
            description = "Runs a scenario headless, with a progress bar and a summary; exit code 1 when an expectation fails.")
    static final class Run implements Callable<Integer> {

        @Parameters(paramLabel = "FILE", description = "The scenario file (YAML).")
        Path file;

        @Option(names = "--seed", paramLabel = "N", description = "Root seed (default: the scenario's).")
        Long seed;

        @Option(names = "--strategy", paramLabel = "NAME", description = "Selection strategy (default: the scenario's).")
        String strategy;

        @Option(names = "--mode", paramLabel = "virtual|live", description = "Run mode (default: the scenario's).")
        Scenario.Mode mode;

        @Option(names = "--message-events", negatable = true, description = "Publish an event per message "
                + "(default: on up to 1,000 phones, off above).")
        Boolean messageEvents;

        @picocli.CommandLine.Mixin
        RecordOptions recording;

        @Option(names = "--report", paramLabel = "DIR|NAME.html", description = "Write an HTML report with plots, plus CSV "
                + "and JSON, to DIR (or to NAME.html with NAME.*.csv/json beside it). Keeps every task in memory: for "
                + "very large runs, record and report later.")
        Path report;

        @Option(names = "--measure-memory", description = "Report the heap the mesh holds once set up (forces a full GC).")
        boolean measureMemory;

        @Option(names = "--history", arity = "0..1", fallbackValue = "", paramLabel = "FILE",
                description = "Also keep every task in the history (FILE, or ~/.meshbench/history.db / $MESHBENCH_HISTORY "
                        + "when none is given), timed from when the run is made; see `meshbench history`.")
        String history;

        @Override
        public Integer call() throws Exception {
            Scenario scenario = ScenarioReader.read(file);
            PluginRegistry plugins = PluginRegistry.fromClassPath();
            ScenarioRunner.Options defaults = ScenarioRunner.Options.of(scenario);
            ScenarioRunner.Options options = new ScenarioRunner.Options(seed != null ? seed : defaults.seed(),
                    strategy != null ? strategy : defaults.strategy(),
                    messageEvents != null ? messageEvents : defaults.messageEvents(), measureMemory);
            plugins.strategy(options.strategy()); // fail early on a strategy that does not exist
            EventBus bus = new EventBus();
            Scenario.Mode runMode = mode != null ? mode : scenario.mode();
            Map<String, String> facts = new LinkedHashMap<>();
            facts.put("scenario", scenario.name());
            facts.put("file", file.toString());
            facts.put("seed", String.valueOf(options.seed()));
            facts.put("strategy", options.strategy());
            facts.put("mode", runMode.name().toLowerCase());
            RunAnalyzer analyzer = report == null ? null : new RunAnalyzer();
            if (analyzer != null) {
                bus.subscribe(analyzer);
            }
            RunOutcome outcome;
            AutoCloseable kept = () -> { };
            if (history != null) {
                Path historyFile = history.isEmpty() ? io.meshbench.history.HistoryStore.defaultPath() : Path.of(history);
                kept = HistoryOptions.keep(bus, new io.meshbench.history.HistoryRecorder(
                        io.meshbench.history.HistoryStore.open(historyFile), "scenario", true));
            }
            try (AutoCloseable recorded = recording.start(bus, "scenario run", facts); AutoCloseable k = kept) {
                ProgressBar bar = new ProgressBar(System.err, scenario.name());
                outcome = runMode == Scenario.Mode.LIVE
                        ? new LiveScenarioRunner(scenario, plugins, bus, options).run(bar)
                        : new ScenarioRunner(scenario, plugins, bus, options).run(bar);
                bar.done();
            }
            new RunSummaryView(System.out).print(outcome);
            if (analyzer != null) {
                Path html = ReportFiles.write(analyzer.report(scenario.name(), facts), report);
                System.out.println("Report: " + html);
            }
            return outcome.passed() ? 0 : 1;
        }
    }

    @Command(name = "open", mixinStandardHelpOptions = true,
            description = "Opens a scenario in the window: run it, pause, change speed, and watch it in the same views as a live mesh.")
    static final class Open implements Callable<Integer> {

        @Parameters(paramLabel = "FILE", description = "The scenario file (YAML).")
        Path file;

        @Option(names = "--speed", paramLabel = "FACTOR", defaultValue = "1",
                description = "Virtual time per wall-clock time, 0.01 to 1000, or max (default: ${DEFAULT-VALUE}).")
        String speed;

        @Option(names = "--run", description = "Start running at once (otherwise press Run).")
        boolean run;

        @Option(names = "--record", paramLabel = "FILE", description = "Record the run to FILE (JSON Lines), for "
                + "`meshbench replay` and `meshbench report`.")
        Path record;

        @Override
        public Integer call() throws Exception {
            return io.meshbench.cli.window.Windows.require("scenario open").scenario(file, speed, run, record, System.err);
        }
    }
}
