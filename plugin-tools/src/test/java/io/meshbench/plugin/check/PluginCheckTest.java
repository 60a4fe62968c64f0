package io.meshbench.plugin.check;

import io.meshbench.testing.PluginJarBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The conformance suite catches each way a plugin can break its contract, and says which. */
class PluginCheckTest {

    @TempDir
    Path dir;

    private Path strategy(String name, String body) throws IOException {
        String cls = "S" + Integer.toHexString(name.hashCode() & 0xfffffff);
        return new PluginJarBuilder().source("p." + cls, PluginJarBuilder.strategy(cls, name, body))
                .service("SelectionStrategy", "p." + cls).build(dir.resolve(name + ".jar"));
    }

    private static void assertFails(CheckReport report, String check, String detail) {
        String text = ExamplesAndScaffoldTest.print(report);
        assertFalse(report.passed(), text);
        assertTrue(report.results().stream().anyMatch(r -> !r.passed() && r.check().equals(check) && r.detail().contains(detail)),
                "expected FAIL of \"" + check + "\" mentioning \"" + detail + "\":\n" + text);
    }

    private static final String SORTED = "List<Bid> r = new ArrayList<>(bids); r.sort(Bid.LEAST_LOADED); ";

    @Test
    void aStrategyThatPicksANonBidderFails() throws IOException {
        CheckReport report = PluginCheck.check(strategy("ghost", """
                List<Bid> r = new ArrayList<>(bids);
                r.set(0, new Bid("Ghost", OptionalDouble.empty(), OptionalDouble.empty(), OptionalInt.empty(), true));
                return new Selection(r, "Ghost", "ghost");"""), Map.of());
        assertFails(report, "ranks only and every bidder, each once", "picked Ghost, which did not bid");
    }

    @Test
    void aStrategyWithStateIsNotDeterministic() throws IOException {
        CheckReport report = PluginCheck.check(strategy("rotating", """
                List<Bid> r = new ArrayList<>(bids);
                java.util.Collections.rotate(r, (int) (System.nanoTime() / 1000));
                return new Selection(r, "Turn", "whoever the clock says");"""), Map.of());
        assertFails(report, "deterministic", "the same");
    }

    @Test
    void aStrategyThatMakesUpAWinnerFromNoBidsFails() throws IOException {
        CheckReport report = PluginCheck.check(strategy("inventor", """
                if (bids.isEmpty()) return new Selection(List.of(new Bid("Nobody", OptionalDouble.empty(),
                        OptionalDouble.empty(), OptionalInt.empty(), false)), "None", "made up");
                """ + SORTED + "return new Selection(r, \"Least\", \"least loaded\");"), Map.of());
        assertFails(report, "handles zero bids", "made up a winner, Nobody");
    }

    @Test
    void aStrategyTooSlowForTenThousandBidsFails() throws IOException {
        CheckReport report = PluginCheck.check(strategy("slow", """
                if (bids.size() > 1000) { try { Thread.sleep(2500); } catch (InterruptedException e) { throw new RuntimeException(e); } }
                """ + SORTED + "return new Selection(r, \"Least\", \"least loaded\");"), Map.of());
        assertFails(report, "handles 10,000 bids", "the limit is 2.0 s");
    }

    @Test
    void anEngineThatNeverEndsFailsEveryRunCheck() throws IOException {
        Path jar = new PluginJarBuilder().source("p.Mute", """
                package p;
                import io.meshbench.plugin.api.*;
                public class Mute implements SlmEngineProvider {
                    public String name() { return "mute"; }
                    public SlmEngine create(PluginContext c) { return (request, listener) -> () -> { }; }
                }""").service("SlmEngineProvider", "p.Mute").build(dir.resolve("mute.jar"));
        CheckReport report = PluginCheck.check(jar, Map.of(), java.time.Duration.ofSeconds(1));
        assertFails(report, "completes a prompt, ending once", "onComplete must be called");
        assertFails(report, "honours cancel", "no end within");
        assertFails(report, "honours the timeout", "no end within");
    }

    @Test
    void aSlowMetricSourceFails() throws IOException {
        Path jar = new PluginJarBuilder().source("p.Slow", """
                package p;
                import io.meshbench.plugin.api.*;
                public class Slow implements MetricSourceProvider {
                    public String name() { return "slow"; }
                    public MetricSource create(PluginContext c) {
                        return () -> { try { Thread.sleep(3); } catch (InterruptedException e) { } return MetricSample.of(0.1, 0.1, 10); };
                    }
                }""").service("MetricSourceProvider", "p.Slow").build(dir.resolve("slow.jar"));
        assertFails(PluginCheck.check(jar, Map.of()), "samples quickly", "limits: median 1.0 ms");
    }

    @Test
    void aCorruptJarFailsToLoad() throws IOException {
        Path jar = Files.writeString(dir.resolve("corrupt.jar"), "not a zip");
        assertFails(PluginCheck.check(jar, Map.of()), "loads like a node loads it", "is not a valid jar");
    }
}
