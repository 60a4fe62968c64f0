package io.meshbench.cli;

import io.meshbench.plugin.PluginProblem;
import io.meshbench.plugin.PluginRegistry;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@code --plugins DIR}: where plugin jars come from, shared by every command that loads plugins. */
final class PluginOptions {

    @Option(names = "--plugins", paramLabel = "DIR",
            description = "A folder of plugin jars (repeatable); ~/.meshbench/plugins is always read when it exists.")
    List<Path> folders = new ArrayList<>();

    /** The built-in plugins, then the given folders', then the user's; each unusable jar is one warning line. */
    PluginRegistry registry(PrintStream err) {
        PluginRegistry registry = PluginRegistry.load(folders, List.of(PluginRegistry.userFolder()));
        for (PluginProblem problem : registry.problems()) {
            err.println("meshbench: plugin jar skipped: " + problem);
        }
        return registry;
    }
}
