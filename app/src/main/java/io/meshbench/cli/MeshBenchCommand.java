package io.meshbench.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code meshbench}: the top of the command line. */
@Command(name = "meshbench", mixinStandardHelpOptions = true, version = "MeshBench 0.1.0",
        description = "Simulator, workbench and test bench for peer-to-peer SLM meshes of Android phones.",
        subcommands = {
                DemoCommand.class,
                NodeCommand.class,
                OrchestrateCommand.class,
                ScenarioCommand.class,
                CompareCommand.class,
        })
final class MeshBenchCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
