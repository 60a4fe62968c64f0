package io.meshbench.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.meshbench.plugin.PluginKind;
import io.meshbench.plugin.check.CheckReport;
import io.meshbench.plugin.check.PluginCheck;
import io.meshbench.plugin.scaffold.PluginScaffold;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code meshbench plugin check JAR} and {@code meshbench plugin new NAME}: the plugin sandbox. */
@Command(name = "plugin", mixinStandardHelpOptions = true,
        description = "Plugin sandbox: check a plugin jar against the contract, or start a new plugin project.",
        subcommands = {PluginCommand.Check.class, PluginCommand.New.class})
final class PluginCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = {"Loads JAR the way a node does and runs every plugin in it through the conformance suite: "
                    + "metric samples in range and quick; SLM runs that end once, honour cancel and the timeout; "
                    + "strategies that are deterministic, rank only bidders, refuse zero bids and handle 10,000.",
                    "Exit code 0 when every check passes, 1 when one fails, 2 when JAR cannot be read."})
    static final class Check implements Callable<Integer> {

        @Parameters(paramLabel = "JAR", description = "The plugin jar.")
        Path jar;

        @Option(names = "--config", paramLabel = "JSON",
                description = "Settings for metric sources and SLM engines, as in device_config.json, e.g. '{\"command\": [\"./run_slm.sh\"]}'.")
        String config;

        @Override
        @SuppressWarnings("unchecked")
        public Integer call() throws Exception {
            if (!Files.isRegularFile(jar)) {
                throw new IllegalArgumentException("plugin jar " + jar + " does not exist; build it first (mvn package)");
            }
            Map<String, Object> settings = Map.of();
            if (config != null) {
                try {
                    settings = new ObjectMapper().readValue(config, Map.class);
                } catch (Exception e) {
                    throw new IllegalArgumentException("--config must be a JSON object, e.g. '{\"cpu\": 0.3}'; got " + config);
                }
            }
            CheckReport report = PluginCheck.check(jar, settings == null ? Map.of() : settings);
            report.print(System.out);
            return report.passed() ? 0 : 1;
        }
    }

    @Command(name = "new", mixinStandardHelpOptions = true,
            description = "Writes a small Maven project for a new plugin that builds against meshbench-plugin-api and "
                    + "passes 'meshbench plugin check' as written.")
    static final class New implements Callable<Integer> {

        @Parameters(paramLabel = "NAME", description = "The plugin's name: lower case letters, digits and dashes, e.g. most-battery.")
        String name;

        @Option(names = "--kind", required = true, paramLabel = "KIND", description = "metrics, slm or strategy.")
        String kind;

        @Option(names = "--dir", paramLabel = "DIR", description = "Where to write the project (default: ./NAME).")
        Path dir;

        @Override
        public Integer call() {
            PluginKind pluginKind = PluginKind.of(kind);
            Path target = dir != null ? dir : Path.of(name);
            PluginScaffold.Project project = PluginScaffold.write(target, name, pluginKind);
            System.out.println("Wrote the " + pluginKind.title() + " plugin \"" + name + "\" as a Maven project in " + target.toAbsolutePath() + ":");
            project.files().forEach(f -> System.out.println("  " + target.relativize(f)));
            ApiInstaller.ensureInstalled(System.out);
            String launcher = ApiInstaller.launcher();
            System.out.println();
            System.out.println("Next:");
            System.out.println("  cd " + target);
            System.out.println("  mvn -q package");
            System.out.println("  " + launcher + " plugin check target/" + name + "-1.0.0.jar");
            System.out.println("  mkdir -p ~/.meshbench/plugins && cp target/" + name + "-1.0.0.jar ~/.meshbench/plugins/");
            if (pluginKind == PluginKind.STRATEGY) {
                System.out.println("  " + launcher + " demo --strategy " + name);
            }
            return 0;
        }
    }
}
