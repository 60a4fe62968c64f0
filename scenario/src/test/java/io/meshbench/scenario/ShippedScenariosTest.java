package io.meshbench.scenario;

import io.meshbench.event.EventBus;
import io.meshbench.plugin.PluginRegistry;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every scenario that ships in scenarios/ runs in virtual time and meets its expectations. */
class ShippedScenariosTest {

    /** Too large for the test suite; run by the scale benchmark instead (see BENCHMARKS.md). */
    private static final List<String> BENCHMARK_ONLY = List.of("scale-10k.yaml", "one-mesh-10k.yaml", "phones-100k.yaml");

    static Stream<Path> shipped() throws IOException {
        Path dir = Path.of(System.getProperty("meshbench.root", "..")).resolve("scenarios");
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> scenarios = files.filter(p -> p.toString().endsWith(".yaml"))
                    .filter(p -> !BENCHMARK_ONLY.contains(p.getFileName().toString())).sorted().toList();
            assertTrue(scenarios.size() >= 5, "shipped scenarios in " + dir + ": " + scenarios);
            return scenarios.stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shipped")
    void runsAndMeetsItsExpectations(Path file) {
        Scenario scenario = ScenarioReader.read(file);
        RunOutcome outcome = new ScenarioRunner(scenario, PluginRegistry.fromClassPath(), new EventBus(),
                ScenarioRunner.Options.of(scenario)).run(p -> { });
        assertTrue(outcome.tally().opened() > 0, "the workload asked for tasks");
        StringBuilder report = new StringBuilder(file + ": " + outcome.tally().completed() + " completed, "
                + outcome.tally().failed() + " failed\n");
        outcome.expectations().forEach(e -> report.append("  ").append(e.describe()).append('\n'));
        assertTrue(outcome.passed(), report.toString());
        assertTrue(!outcome.expectations().isEmpty(), "a shipped scenario says what must hold");
    }
}
