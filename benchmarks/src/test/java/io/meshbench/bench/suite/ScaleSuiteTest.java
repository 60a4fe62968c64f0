package io.meshbench.bench.suite;

import io.meshbench.bench.scale.ChildJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The scale suite's machinery on scenarios in miniature, each run in a real child JVM: the rows it
 * measures, a scenario whose expectation fails reported while the next one runs, a child out of
 * memory reported with what to do, and the results read back and compared like any suite's.
 */
class ScaleSuiteTest {

    private static Path scenario(String name) throws URISyntaxException {
        return Path.of(Objects.requireNonNull(ScaleSuiteTest.class.getResource("/scale/" + name + ".yaml")).toURI());
    }

    @Test
    void measuresEachScenarioInItsOwnJvmAndReportsAFailureWhileTheNextRuns(@TempDir Path out) throws Exception {
        List<String> heard = new ArrayList<>();
        List<Double> fractions = new ArrayList<>();
        BenchResults r = ScaleSuite.run(List.of(scenario("tiny-fails"), scenario("tiny")), out, (f, what) -> {
            synchronized (heard) {
                heard.add(what);
                fractions.add(f);
            }
        }, ChildJvm.options(List.of()), Duration.ofMinutes(5));

        assertEquals(BenchSuite.Size.SCALE, r.size());
        assertEquals(1, r.failures().size(), r.failures().toString());
        Failure failed = r.failures().get(0);
        assertEquals("tiny-fails", failed.benchmark());
        assertTrue(failed.reason().contains("expectation failed") && failed.reason().contains("min_failovers"),
                failed.reason());

        Row wall = ScaleRows.find(r, ScaleRows.WALL, "tiny").orElseThrow();
        assertEquals("ss", wall.mode());
        assertEquals("s", wall.unit());
        assertTrue(wall.score() > 0, "wall " + wall.score());
        Row jvmWall = ScaleRows.find(r, ScaleRows.JVM_WALL, "tiny").orElseThrow();
        assertTrue(jvmWall.score() > wall.score(), "the JVM's wall time holds the run's");
        assertTrue(ScaleRows.find(r, ScaleRows.EVENTS, "tiny").orElseThrow().score() > 0);
        assertEquals(40, ScaleRows.find(r, ScaleRows.TASKS, "tiny").orElseThrow().score());
        double rss = ScaleRows.find(r, ScaleRows.PEAK_RSS, "tiny").orElseThrow().score();
        assertTrue(rss > 16 && rss < 4096, "a JVM's peak RSS in MiB, not " + rss);
        double heapEnd = ScaleRows.find(r, ScaleRows.HEAP_END, "tiny").orElseThrow().score();
        double heapPeak = ScaleRows.find(r, ScaleRows.HEAP_PEAK, "tiny").orElseThrow().score();
        assertTrue(heapEnd > 0 && heapPeak >= heapEnd && heapPeak < rss, heapEnd + " / " + heapPeak + " / " + rss);
        double perPhone = ScaleRows.find(r, ScaleRows.HEAP_PER_PHONE, "tiny").orElseThrow().score();
        assertTrue(perPhone > 0 && perPhone < heapEnd * (1 << 20) / 40, "the mesh's share of the heap, per phone: " + perPhone);
        // a scenario whose expectation failed ran to its end: its measurements are kept beside the failure
        assertEquals(40, ScaleRows.find(r, ScaleRows.TASKS, "tiny-fails").orElseThrow().score());
        assertTrue(r.rows().stream().allMatch(x -> !Double.isNaN(x.loadBefore())));
        // other work probed before and after each scenario, as around each JMH step
        assertTrue(r.rows().stream().allMatch(x -> x.othersBefore() >= 0 && x.othersAfter() >= 0), r.rows().toString());
        assertTrue(r.othersBefore() >= 0 && r.othersAfter() >= 0);

        assertTrue(heard.contains("tiny-fails") && heard.contains("tiny") && heard.contains("done"), heard.toString());
        for (int i = 1; i < fractions.size(); i++) {
            assertTrue(fractions.get(i) >= fractions.get(i - 1), "progress goes forward: " + fractions);
        }
        assertEquals(1.0, fractions.get(fractions.size() - 1));

        String md = Files.readString(out.resolve("summary.md"));
        assertTrue(md.contains("1 benchmark failed") && md.contains("| scale | tiny-fails | expectation failed"), md);
        assertTrue(md.contains("Scale.peakRss"), md);
        assertTrue(md.lines().filter(l -> l.startsWith("| Scale.")).noneMatch(l -> l.endsWith("| n/a |")),
                "each scale row shows the other work around it: " + md);
        assertTrue(Files.exists(out.resolve("report.html")));
        assertTrue(Files.exists(out.resolve("scale-tiny.log")));

        BenchResults read = SummaryFile.read(out);
        assertEquals(r.rows(), read.rows());
        assertEquals(r.failures(), read.failures());
        Comparison same = Comparison.of(read, r);
        assertEquals(r.rows().size(), same.count(Comparison.Verdict.SAME));
        Comparison.Line events = same.lines().stream().filter(l -> l.benchmark().equals(ScaleRows.EVENTS))
                .findFirst().orElseThrow();
        assertTrue(events.higherIsBetter());
        assertFalse(same.lines().stream().filter(l -> l.benchmark().equals(ScaleRows.PEAK_RSS)).findFirst().orElseThrow()
                .higherIsBetter());
        assertFalse(same.lines().stream().filter(l -> l.benchmark().equals(ScaleRows.WALL)).findFirst().orElseThrow()
                .higherIsBetter());
    }

    @Test
    void aChildOutOfMemorySaysToRaiseTheHeapAndTheNextScenarioStillRuns(@TempDir Path out) throws Exception {
        BenchResults r = ScaleSuite.run(List.of(scenario("heavy"), scenario("tiny")), out, (f, what) -> { },
                List.of("-Xmx16m", "-XX:+UseSerialGC"), Duration.ofMinutes(5));

        assertEquals(1, r.failures().size(), r.failures().toString());
        String reason = r.failures().get(0).reason();
        assertTrue(reason.startsWith("out of memory") && reason.contains("heavy")
                && reason.contains("MESHBENCH_JAVA_OPTS=-Xmx"), reason);
        assertTrue(ScaleRows.find(r, ScaleRows.WALL, "tiny").isPresent(), "the next scenario ran");
        assertTrue(ScaleRows.find(r, ScaleRows.WALL, "heavy").isEmpty(), "no numbers for a run that did not finish");
        assertTrue(r.machine().vm().contains("-Xmx16m"), r.machine().vm());
    }

    @Test
    void aScenarioThatCannotBeReadIsReportedAndTheScaleTargetMissed(@TempDir Path out) throws Exception {
        Path broken = out.resolve("scale-10k.yaml");
        Files.writeString(broken, "name: scale-10k\nmode: sideways\n");
        BenchResults r = ScaleSuite.run(List.of(broken), out.resolve("results"), (f, what) -> { },
                ChildJvm.options(List.of()), Duration.ofMinutes(5));

        assertEquals(1, r.failures().size());
        assertTrue(r.failures().get(0).reason().contains("sideways"), r.failures().get(0).reason());
        List<Checks.Check> checks = Checks.of(r).stream().filter(c -> c.what().startsWith("scale-10k")).toList();
        assertEquals(2, checks.size(), checks.toString());
        assertTrue(checks.stream().allMatch(c -> Boolean.FALSE.equals(c.met()) && c.measured().contains("failed")),
                checks.toString());
    }

    @Test
    void theScaleTargetsAreCheckedOnScale10k() {
        Machine m = new Machine(2, "Linux", "Temurin 25", "vm");
        java.util.Map<String, String> p = java.util.Map.of("scenario", "scale-10k");
        List<Row> rows = List.of(new Row(ScaleRows.WALL, p, "ss", 7.5, Double.NaN, "s", 7.5, 7.5, 1, 0.2, 0.3),
                new Row(ScaleRows.PEAK_RSS, p, "ss", 1100, Double.NaN, "MiB", 1100, 1100, 1, 0.2, 0.3));
        List<Checks.Check> checks = Checks.of(new BenchResults(BenchSuite.Size.SCALE, m, rows, null, 0.2, 0.3));
        Checks.Check wall = checks.stream().filter(c -> c.what().endsWith("wall time")).findFirst().orElseThrow();
        Checks.Check rss = checks.stream().filter(c -> c.what().endsWith("peak RSS")).findFirst().orElseThrow();
        assertEquals(Boolean.TRUE, wall.met());
        assertTrue(wall.measured().startsWith("7.5 s"), wall.measured());
        assertEquals(Boolean.FALSE, rss.met());
        assertEquals("1,100 MiB", rss.measured());
    }

    private static final Machine TWO_CORES = new Machine(2, "Linux", "Temurin 25", "vm");

    /** scale-10k's wall time and peak RSS, with the load average and the other work around the scenario. */
    private static BenchResults scale10k(double wall, double loadBefore, double othersBefore, double othersAfter) {
        java.util.Map<String, String> p = java.util.Map.of("scenario", "scale-10k");
        List<Row> rows = List.of(
                new Row(ScaleRows.WALL, p, "ss", wall, Double.NaN, "s", wall, wall, 1, loadBefore, 0.3)
                        .withOthers(othersBefore, othersAfter),
                new Row(ScaleRows.PEAK_RSS, p, "ss", 900, Double.NaN, "MiB", 900, 900, 1, loadBefore, 0.3)
                        .withOthers(othersBefore, othersAfter));
        return new BenchResults(BenchSuite.Size.SCALE, TWO_CORES, rows, null, loadBefore, 0.3);
    }

    private static Checks.Check wall(BenchResults r) {
        return Checks.of(r).stream().filter(c -> c.what().endsWith("wall time")).findFirst().orElseThrow();
    }

    @Test
    void theScaleWallTimeIsJudgedByTheOtherWorkAroundItLikeEveryJmhStep() {
        Checks.Check busy = wall(scale10k(7.5, 0.2, 0.3, 1.4));
        assertEquals(Checks.Verdict.BUSY, busy.verdict());
        assertEquals("not judged: machine busy (load 0.20→0.30; other work took 1.4 of 2 cores)", busy.verdictText(),
                "the JMH steps' words");
        assertEquals(Checks.Verdict.BUSY, wall(scale10k(7.5, 0.2, 1.2, Double.NaN)).verdict(), "busy before it");
        // a high load average no longer decides: it holds the suite's own last scenario, the probe does not
        Checks.Check loaded = wall(scale10k(7.5, 3.1, 0.2, 0.4));
        assertEquals(Checks.Verdict.MET, loaded.verdict(), loaded.verdictText());
        assertTrue(loaded.measured().contains("load avg 3.10→0.30"), "the load average stays as information: "
                + loaded.measured());
        assertEquals(Checks.Verdict.MISSED, wall(scale10k(9.5, 0.1, 0.9, 0.2)).verdict(), "0.9 of 2 cores is under half");
        Checks.Check rss = Checks.of(scale10k(7.5, 0.2, 0.3, 1.4)).stream().filter(c -> c.what().endsWith("peak RSS"))
                .findFirst().orElseThrow();
        assertEquals(Checks.Verdict.MET, rss.verdict(), "memory does not depend on the others' CPU");
    }

    @Test
    void olderScaleSummariesWithoutProbesAreJudgedByTheirLoadAverageAndStillCompare() throws Exception {
        Checks.Check old = wall(scale10k(7.5, 1.3, Double.NaN, Double.NaN));
        assertEquals(Checks.Verdict.BUSY, old.verdict());
        assertEquals("not judged: machine busy (load average 1.30 at the start on 2 cores; an older summary, no probe of "
                + "other work recorded)", old.verdictText());
        assertEquals(Checks.Verdict.MET, wall(scale10k(7.5, 0.6, Double.NaN, Double.NaN)).verdict());

        // the shipped runs, written before the probe: read, judged as they were, compared
        BenchResults baseline = SummaryFileTest.shipped("2026-12-01-scale-baseline");
        BenchResults scale = SummaryFileTest.shipped("2026-12-01-scale");
        assertTrue(scale.rows().stream().allMatch(x -> Double.isNaN(x.othersBefore()) && Double.isNaN(x.othersAfter())));
        assertTrue(Double.isNaN(baseline.othersBefore()), "a summary without the field reads as not recorded");
        Checks.Check before = wall(baseline);
        assertEquals(Checks.Verdict.BUSY, before.verdict());
        assertTrue(before.verdictText().contains("load average 2.89 at the start on 2 cores"), before.verdictText());
        assertEquals(Checks.Verdict.MISSED, wall(scale).verdict(), "16.0 s at load average 0.55: judged, over 8 s");
        Comparison c = Comparison.of(baseline, scale);
        assertEquals(32, c.lines().size());
        assertEquals(Checks.Verdict.MISSED, c.targets().stream().filter(t -> t.what().endsWith("wall time")).findFirst()
                .orElseThrow().laterVerdict());
        assertTrue(ComparisonText.markdown(c, "baseline", "scale").contains("not judged: machine busy (load average 2.89"));
    }
}
