package io.meshbench.cli;

import io.meshbench.report.RunStats;
import io.meshbench.event.EventBus;
import io.meshbench.plugin.PluginRegistry;
import io.meshbench.scenario.RunOutcome;
import io.meshbench.scenario.Scenario;
import io.meshbench.scenario.ScenarioReader;
import io.meshbench.scenario.ScenarioRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import io.meshbench.report.ReportFiles;
import io.meshbench.report.RunAnalyzer;
import io.meshbench.report.RunReport;
import io.meshbench.report.RunSummary;
import io.meshbench.report.SummaryTable;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.util.Map;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.LongSummaryStatistics;
import java.util.concurrent.Callable;

/** {@code meshbench compare FILE --strategies a,b}: one scenario, one seed, several strategies, side by side. */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = "Runs a scenario once per strategy, on the same seed, in virtual time, and compares the runs.")
final class CompareCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FILE", description = "The scenario file (YAML).")
    Path file;

    @Option(names = "--strategies", split = ",", required = true, paramLabel = "NAME[,NAME...]",
            description = "Strategies to compare, e.g. npu-first,lowest-cpu,weighted.")
    List<String> strategies;

    @Option(names = "--seed", paramLabel = "N", description = "Root seed (default: the scenario's).")
    Long seed;

    @Option(names = "--report", paramLabel = "DIR|NAME.html", description = "Write DIR/compare.html (the runs side by "
            + "side, with plots) and each run's full report in DIR/<strategy>/; or NAME.html and NAME-<strategy>/.")
    Path report;

    @Override
    public Integer call() throws IOException {
        Scenario scenario = ScenarioReader.read(file);
        PluginRegistry plugins = PluginRegistry.fromClassPath();
        strategies.forEach(plugins::strategy); // every name must exist before anything runs
        ScenarioRunner.Options defaults = ScenarioRunner.Options.of(scenario);
        long rootSeed = seed != null ? seed : defaults.seed();
        List<RunOutcome> outcomes = new ArrayList<>();
        List<RunSummary> summaries = new ArrayList<>();
        for (String strategy : strategies) {
            ProgressBar bar = new ProgressBar(System.err, scenario.name() + " / " + strategy);
            EventBus bus = new EventBus();
            RunAnalyzer analyzer = report == null ? null : new RunAnalyzer();
            if (analyzer != null) {
                bus.subscribe(analyzer);
            }
            outcomes.add(new ScenarioRunner(scenario, plugins, bus,
                    new ScenarioRunner.Options(rootSeed, strategy, defaults.messageEvents())).run(bar));
            bar.done();
            if (analyzer != null) {
                RunReport run = analyzer.report(strategy, Map.of("scenario", scenario.name(), "seed",
                        String.valueOf(rootSeed), "strategy", strategy));
                ReportFiles.write(run, runFolder(strategy));
                summaries.add(run.summary());
            }
        }
        print(System.out, scenario, rootSeed, outcomes);
        if (report != null) {
            Path page = ReportFiles.isPage(report) ? report : report.resolve("compare.html");
            Files.writeString(page, SummaryTable.html(summaries));
            System.out.println();
            System.out.println("Report: " + page + " (each run's own report: " + runFolder("<strategy>").resolve(ReportFiles.HTML) + ")");
        }
        return 0;
    }

    /** DIR/STRATEGY for --report DIR; NAME-STRATEGY beside the page for --report NAME.html. */
    private Path runFolder(String strategy) {
        if (!ReportFiles.isPage(report)) {
            return report.resolve(strategy);
        }
        String page = report.getFileName().toString();
        return report.resolveSibling(page.substring(0, page.lastIndexOf('.')) + "-" + strategy);
    }

    static void print(PrintStream out, Scenario scenario, long seed, List<RunOutcome> outcomes) {
        out.printf(Locale.ROOT, "Scenario %s, seed %d: %,d phones in %,d %s%n%n", scenario.name(), seed,
                outcomes.getFirst().devices(), outcomes.getFirst().meshes(),
                outcomes.getFirst().meshes() == 1 ? "mesh" : "meshes");
        int width = Math.max(16, outcomes.stream().mapToInt(o -> o.strategy().length() + 2).max().orElse(0));
        String format = "%-22s" + ("%" + width + "s").repeat(outcomes.size()) + "%n";
        List<Object> header = new ArrayList<>(List.of("strategy"));
        for (int i = 0; i < outcomes.size(); i++) {
            header.add(outcomes.get(i).strategy());
        }
        out.printf(Locale.ROOT, format, header.toArray());
        row(out, format, "tasks completed", outcomes, t -> String.format(Locale.ROOT, "%,d", t.completed()));
        row(out, format, "failed / unfinished", outcomes, t -> t.failed() + " / " + t.unfinished());
        row(out, format, "mean latency", outcomes, t -> RunSummaryView.latency(t.meanLatency()));
        row(out, format, "p50 latency", outcomes, t -> RunSummaryView.latency(t.percentile(50)));
        row(out, format, "p95 latency", outcomes, t -> RunSummaryView.latency(t.percentile(95)));
        row(out, format, "p99 latency", outcomes, t -> RunSummaryView.latency(t.percentile(99)));
        row(out, format, "tasks queued", outcomes, t -> String.format(Locale.ROOT, "%,d", t.queued()));
        row(out, format, "longest queue", outcomes, t -> String.valueOf(t.longestQueue()));
        row(out, format, "past their deadline", outcomes, t -> String.format(Locale.ROOT, "%,d", t.expired()));
        row(out, format, "NPU share", outcomes, t -> String.format(Locale.ROOT, "%.1f%%", t.npuShare() * 100));
        row(out, format, "devices used", outcomes, t -> String.valueOf(t.tasksPerDevice().size()));
        row(out, format, "tasks/device max", outcomes, t -> spread(t).getCount() == 0 ? "-" : String.valueOf(spread(t).getMax()));
        row(out, format, "tasks/device min", outcomes, t -> spread(t).getCount() == 0 ? "-" : String.valueOf(spread(t).getMin()));
        row(out, format, "battery left, lowest", outcomes, t -> t.batteryLeftLowest() < 0 ? "-" : t.batteryLeftLowest() + "%");
        row(out, format, "battery left, spread", outcomes, t -> t.batteryLeftSpread() < 0 ? "-" : t.batteryLeftSpread() + " pts");
    }

    private static LongSummaryStatistics spread(RunStats t) {
        return t.tasksPerDevice().values().stream().mapToLong(Long::longValue).summaryStatistics();
    }

    private static void row(PrintStream out, String format, String label, List<RunOutcome> outcomes,
                            java.util.function.Function<RunStats, String> cell) {
        List<Object> cells = new ArrayList<>(List.of(label));
        outcomes.forEach(o -> cells.add(cell.apply(o.tally())));
        out.printf(Locale.ROOT, format, cells.toArray());
    }
}
