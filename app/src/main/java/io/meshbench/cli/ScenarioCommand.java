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

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code meshbench scenario run FILE}: a scripted mesh, headless. */
@Command(name = "scenario", mixinStandardHelpOptions = true,
        description = "Scripted meshes (see scenarios/README.md).",
        subcommands = ScenarioCommand.Run.class)
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

        @Option(names = "--measure-memory", description = "Report the heap the mesh holds once set up (forces a full GC).")
        boolean measureMemory;

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
            ProgressBar bar = new ProgressBar(System.err, scenario.name());
            RunOutcome outcome = (mode != null ? mode : scenario.mode()) == Scenario.Mode.LIVE
                    ? new LiveScenarioRunner(scenario, plugins, bus, options).run(bar)
                    : new ScenarioRunner(scenario, plugins, bus, options).run(bar);
            bar.done();
            new RunSummaryView(System.out).print(outcome);
            return outcome.passed() ? 0 : 1;
        }
    }
}
