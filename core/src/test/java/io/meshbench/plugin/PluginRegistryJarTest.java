package io.meshbench.plugin;

import io.meshbench.plugin.api.Bid;
import io.meshbench.plugin.api.MetricSample;
import io.meshbench.plugin.api.MetricSource;
import io.meshbench.plugin.api.Selection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Real plugin jars, built on the fly, through the real loader. */
class PluginRegistryJarTest {

    @TempDir
    Path dir;

    private static Bid bid(String id, double cpu, int battery) {
        return new Bid(id, OptionalDouble.of(cpu), OptionalDouble.of(0.5), OptionalInt.of(battery), false);
    }

    @Test
    void loadsAGoodPluginOfEveryKindFromAFolder() throws Exception {
        Path strategyJar = TestPlugins.goodStrategy(dir);
        Path metricsJar = TestPlugins.goodMetrics(dir);
        Path engineJar = TestPlugins.goodEngine(dir);

        PluginRegistry registry = PluginRegistry.load(List.of(dir), List.of());

        assertEquals(List.of(), registry.problems());
        assertTrue(registry.plugins().contains(new LoadedPlugin("strategy", "most-battery", "2.1.0", "", Optional.of(strategyJar))),
                registry.plugins().toString());
        assertTrue(registry.plugins().contains(new LoadedPlugin("metrics", "fixed-load", "1.0.0", "always 30% CPU",
                Optional.of(metricsJar))), registry.plugins().toString());
        assertTrue(registry.plugins().stream().anyMatch(p -> p.name().equals("upper") && p.jar().equals(Optional.of(engineJar))));
        assertTrue(registry.plugins().stream().anyMatch(p -> p.name().equals("npu-first") && p.jar().isEmpty()),
                "built-in plugins stay");

        Selection selection = registry.strategy("most-battery").select(List.of(bid("Device_B", 0.1, 40), bid("Device_C", 0.9, 95)));
        assertEquals("Device_C", selection.winner().deviceId());
        MetricSample sample = registry.metrics("fixed-load").create(TestPlugins.context(Map.of("cpu", 0.7))).sample();
        assertEquals(0.7, sample.cpuLoad().getAsDouble());
    }

    @Test
    void aPluginSeesTheApiAndTheJdkButNotMeshBenchInternals() throws Exception {
        TestPlugins.strategyDoing(dir, "peek", """
                String seen = "";
                for (String c : List.of("io.meshbench.plugin.PluginRegistry", "com.fasterxml.jackson.databind.ObjectMapper",
                        "io.meshbench.plugin.api.Bid", "java.util.List")) {
                    try { Class.forName(c, false, getClass().getClassLoader()); seen += c + " visible;"; }
                    catch (ClassNotFoundException e) { seen += c + " hidden;"; }
                }
                return new Selection(bids, "Peek", seen);""");
        PluginRegistry registry = PluginRegistry.load(List.of(dir), List.of());
        String seen = registry.strategy("peek").select(List.of(bid("Device_B", 0.1, 40))).reason();
        assertEquals("io.meshbench.plugin.PluginRegistry hidden;com.fasterxml.jackson.databind.ObjectMapper hidden;"
                + "io.meshbench.plugin.api.Bid visible;java.util.List visible;", seen);
    }

    @Test
    void everyBrokenJarIsNamedWithItsFaultAndTheRestStillLoad() throws Exception {
        TestPlugins.goodStrategy(dir);
        Path corrupt = TestPlugins.corrupt(dir);
        Path noProvider = TestPlugins.noProvider(dir);
        Path boom = TestPlugins.constructorThrows(dir);
        Path missing = TestPlugins.missingClass(dir);
        Path clash = TestPlugins.strategyDoing(dir, "npu-first", "return null;");
        Path badName = TestPlugins.strategyDoing(dir, "Bad Name", "return null;");

        PluginRegistry registry = PluginRegistry.load(List.of(dir), List.of());

        assertProblem(registry, corrupt, "is not a valid jar");
        assertProblem(registry, noProvider, "registers no plugin");
        assertProblem(registry, boom, "cannot be created: java.lang.IllegalStateException: boom in the constructor");
        assertProblem(registry, missing, "p.NotThere");
        assertProblem(registry, clash, "the name is taken by the one from built-in");
        assertProblem(registry, badName, "lower case letters, digits and dashes");
        assertEquals(6, registry.problems().size(), registry.problems().toString());
        assertEquals("most-battery", registry.strategy("most-battery").name(), "the good jar loads all the same");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> registry.strategy("boom"));
        assertTrue(e.getMessage().contains("no selection strategy named \"boom\"") && e.getMessage().contains("boom.jar")
                && e.getMessage().contains("boom in the constructor"), e.getMessage());
    }

    private static void assertProblem(PluginRegistry registry, Path jar, String fault) {
        assertTrue(registry.problems().stream().anyMatch(p -> p.jar().equals(jar) && p.fault().contains(fault)),
                "expected a problem for " + jar.getFileName() + " containing \"" + fault + "\"; got " + registry.problems());
    }

    @Test
    void garbageMetricsFailNamingTheJar() throws Exception {
        Path negative = TestPlugins.metricsReturning(dir, "negative", "MetricSample.of(-0.5, 0.5, 50)");
        TestPlugins.metricsReturning(dir, "not-a-number", "new MetricSample(OptionalDouble.of(Double.NaN), OptionalDouble.empty(), OptionalInt.empty())");
        TestPlugins.metricsReturning(dir, "nothing", "null");
        PluginRegistry registry = PluginRegistry.load(List.of(dir), List.of());

        MetricSource source = registry.metrics("negative").create(TestPlugins.context(Map.of()));
        IllegalStateException e = assertThrows(IllegalStateException.class, source::sample);
        assertTrue(e.getMessage().contains(negative.toString()) && e.getMessage().contains("cpuLoad must be within [0, 1], got -0.5"),
                e.getMessage());
        e = assertThrows(IllegalStateException.class, registry.metrics("not-a-number").create(TestPlugins.context(Map.of()))::sample);
        assertTrue(e.getMessage().contains("not-a-number.jar") && e.getMessage().contains("NaN"), e.getMessage());
        e = assertThrows(IllegalStateException.class, registry.metrics("nothing").create(TestPlugins.context(Map.of()))::sample);
        assertTrue(e.getMessage().contains("nothing.jar") && e.getMessage().contains("null"), e.getMessage());
    }

    @Test
    void aStrategyThatThrowsOrPicksANonBidderFailsNamingTheJar() throws Exception {
        Path ghost = TestPlugins.strategyDoing(dir, "ghost", """
                return new Selection(List.of(new Bid("Ghost", OptionalDouble.empty(), OptionalDouble.empty(), OptionalInt.empty(), true)),
                        "Ghost", "a device that never bid");""");
        TestPlugins.strategyDoing(dir, "thrower", "throw new UnsupportedOperationException(\"not today\");");
        TestPlugins.strategyDoing(dir, "dropper", "return new Selection(List.of(bids.get(0)), \"First\", \"only the first\");");
        PluginRegistry registry = PluginRegistry.load(List.of(dir), List.of());
        List<Bid> bids = List.of(bid("Device_B", 0.1, 40), bid("Device_C", 0.2, 90));

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> registry.strategy("ghost").select(bids));
        assertTrue(e.getMessage().contains(ghost.toString()) && e.getMessage().contains("picked Ghost, which did not bid"), e.getMessage());
        e = assertThrows(IllegalStateException.class, () -> registry.strategy("thrower").select(bids));
        assertTrue(e.getMessage().contains("thrower.jar") && e.getMessage().contains("not today"), e.getMessage());
        e = assertThrows(IllegalStateException.class, () -> registry.strategy("dropper").select(bids));
        assertTrue(e.getMessage().contains("ranked 1 of 2 bids"), e.getMessage());
    }

    @Test
    void aMissingFolderIsAClearErrorButAMissingUserFolderIsNot() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PluginRegistry.load(List.of(dir.resolve("nope")), List.of()));
        assertTrue(e.getMessage().contains("nope") && e.getMessage().contains("does not exist"), e.getMessage());
        assertEquals(List.of(), PluginRegistry.load(List.of(), List.of(dir.resolve("nope"))).folders());
    }
}
