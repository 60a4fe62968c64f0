package io.meshbench.cli;

import io.meshbench.cli.window.Windows;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code meshbench}: the top of the command line. */
@Command(name = "meshbench", mixinStandardHelpOptions = true, version = "MeshBench 0.1.0",
        description = {"Simulator, workbench and test bench for peer-to-peer SLM meshes of Android phones.",
                "With no command, opens the workbench window on a simulated mesh of the original design's three devices."},
        subcommands = {
                DemoCommand.class,
                NodeCommand.class,
                MeshCommand.class,
                OrchestrateCommand.class,
                HealthCommand.class,
                ReportCommand.class,
                ReplayCommand.class,
                RecordCommand.class,
                ScenarioCommand.class,
                CompareCommand.class,
                HistoryCommand.class,
                PluginsCommand.class,
                PluginCommand.class,
                BenchCommand.class,
                CalibrateCommand.class,
                ServeCommand.class,
                DevicesCommand.class, SetupCommand.class, ControlCommand.Start.class, ControlCommand.Stop.class, ControlCommand.Status.class, LogsCommand.class,
        })
final class MeshBenchCommand implements java.util.concurrent.Callable<Integer> {

    /** With no command: the workbench window. */
    @Mixin
    WorkbenchOptions workbench;

    @Spec
    CommandSpec spec;

    @picocli.CommandLine.Option(names = "--scenario", paramLabel = "FILE",
            description = "Open this scenario in the window instead of the live mesh (as `meshbench scenario open FILE`).")
    java.nio.file.Path scenario;

    @Override
    public Integer call() throws Exception {
        if (scenario != null) {
            return Windows.require("--scenario").scenario(scenario, "1", false, null, System.err);
        }
        return Windows.require("the window").workbench(workbench.settings(), System.err);
    }
}
