package io.meshbench.plugin.check;

import io.meshbench.testing.PluginJarBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The bundled strategies, built into a jar from their sources, pass `meshbench plugin check`. */
class BundledStrategiesCheckTest {

    @TempDir
    Path dir;

    @Test
    void everyBundledStrategyPassesThePluginCheck() throws Exception {
        Path root = Path.of(System.getProperty("meshbench.root", "..")).toAbsolutePath().normalize();
        Path jar = new PluginJarBuilder().project(root.resolve("plugins/strategies/src/main"))
                .build(dir.resolve("strategies.jar"));
        CheckReport report = PluginCheck.check(jar, Map.of());
        String text = ExamplesAndScaffoldTest.print(report);
        assertTrue(report.passed(), text);
        for (String name : new String[] {"least-finish", "fastest-expected", "lowest-cpu", "weighted", "battery-aware"}) {
            assertTrue(text.contains("strategy \"" + name + "\""), name + " checked:\n" + text);
        }
    }
}
