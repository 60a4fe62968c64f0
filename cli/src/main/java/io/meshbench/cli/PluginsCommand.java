package io.meshbench.cli;

import io.meshbench.plugin.LoadedPlugin;
import io.meshbench.plugin.PluginProblem;
import io.meshbench.plugin.PluginRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code meshbench plugins}: what is loaded, from where, with versions; and what could not be. */
@Command(name = "plugins", mixinStandardHelpOptions = true,
        description = "Lists the plugins MeshBench loads: built-in ones, then --plugins folders, then ~/.meshbench/plugins.")
final class PluginsCommand implements Callable<Integer> {

    @Mixin
    PluginOptions options;

    @Override
    public Integer call() {
        PluginRegistry registry = PluginRegistry.load(options.folders, List.of(PluginRegistry.userFolder()));
        List<LoadedPlugin> plugins = registry.plugins();
        int name = Math.max(4, plugins.stream().mapToInt(p -> p.name().length()).max().orElse(0));
        int version = Math.max(7, plugins.stream().mapToInt(p -> p.version().length()).max().orElse(0));
        String row = "%-8s  %-" + name + "s  %-" + version + "s  %s%n";
        System.out.printf(row, "KIND", "NAME", "VERSION", "FROM");
        for (LoadedPlugin p : plugins) {
            System.out.printf(row, p.kind(), p.name(), p.version(), p.origin());
            if (!p.description().isBlank()) {
                System.out.printf("%-8s  %s%n", "", p.description());
            }
        }
        System.out.println();
        System.out.println("Plugin folders read: " + (registry.folders().isEmpty() ? "none"
                : String.join(", ", registry.folders().stream().map(Path::toString).toList()))
                + (registry.folders().contains(PluginRegistry.userFolder()) ? ""
                : " (" + PluginRegistry.userFolder() + " does not exist)"));
        List<PluginProblem> problems = registry.problems();
        if (!problems.isEmpty()) {
            System.out.println();
            System.out.println("Not loaded:");
            problems.forEach(p -> System.out.println("  " + p));
        }
        return 0;
    }
}
