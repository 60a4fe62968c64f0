package io.meshbench.bench.suite;

import io.meshbench.bench.load.OpenLoop;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How the suite judges its targets: on confidence bounds, not on a busy machine, with ratios of like things only. */
class ChecksTest {

    private static final Machine TWO_CORES = new Machine(2, "Linux", "Temurin 25", "vm");

    /** A sampled 3-peer round trip with its p50 and p99 and their bounds, in µs, and the other work around it. */
    static Row roundTrip(String method, String mesh, double p50, double p50Low, double p50High, double p99, double p99Low,
                         double p99High, double others) {
        return new Row("RoundTripBenchmark." + method, new TreeMap<>(Map.of("mesh", mesh, "peers", "3")), "sample", p50,
                Double.NaN, "us/op", p50, p99, 10_000, 0.3, 0.4, p50Low, p50High, p99Low, p99High, others, others);
    }

    private static BenchResults results(List<Row> rows) {
        return new BenchResults(BenchSuite.Size.FULL, TWO_CORES, rows, null, 0.3, 0.4, List.of(), 0.1, 0.1, 600);
    }

    private static Checks.Check check(BenchResults r, String what) {
        return Checks.of(r).stream().filter(c -> c.what().equals(what)).findFirst()
                .orElseThrow(() -> new AssertionError("no check " + what + " in " + Checks.of(r)));
    }

    @Test
    void aLatencyIsMetOnlyWhenItsUpperBoundIsUnderTheGoalMissedWhenItsLowerIsNotAndElseNotSure() {
        String p50 = "3-peer auction round trip, loopback, p50";
        // p50 goal 0.10 ms = 100 µs
        assertEquals(Checks.Verdict.MET, check(results(List.of(roundTrip("auction", "loopback", 80, 75, 95, 200, 180, 240, 0.1))), p50).verdict());
        assertEquals(Checks.Verdict.MISSED, check(results(List.of(roundTrip("auction", "loopback", 120, 100, 130, 200, 180, 240, 0.1))), p50).verdict());
        Checks.Check straddles = check(results(List.of(roundTrip("auction", "loopback", 95, 85, 110, 200, 180, 240, 0.1))), p50);
        assertEquals(Checks.Verdict.NOT_SURE, straddles.verdict(), "a mean under the goal is not enough when the bound is over it");
        assertEquals("not sure (99.9% bounds 0.085 ms–0.110 ms)", straddles.verdictText());
        assertEquals(null, straddles.met());
        // p99 goal 0.25 ms: upper bound 0.26 ms straddles though the p99 itself is 0.24
        assertEquals(Checks.Verdict.NOT_SURE, check(results(List.of(roundTrip("auction", "loopback", 80, 75, 95, 240, 200, 260, 0.1))),
                "3-peer auction round trip, loopback, p99").verdict());
        assertEquals(Checks.Verdict.MET, check(results(List.of(roundTrip("task", "loopback", 140, 130, 149, 300, 250, 400, 0.1))),
                "full task round trip, 3 peers, loopback, p50").verdict());
    }

    @Test
    void aThroughputIsJudgedOnItsLowerBoundAndItsErrorMustBeUnderTenPercent() {
        Row fast = new Row("CodecBenchmark.decode", Map.of("type", "TASK"), "thrpt", 3.5e6, 0.2e6, "ops/s", 3.5e6, 3.5e6, 5, 0.3, 0.3,
                Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0.1, 0.1);
        Row noisy = new Row("CodecBenchmark.decode", Map.of("type", "RESULT"), "thrpt", 3.6e6, 0.5e6, "ops/s", 3.6e6, 3.6e6, 5, 0.3,
                0.3, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0.1, 0.1);
        Row slow = new Row("CodecBenchmark.decode", Map.of("type", "BID_REQUEST"), "thrpt", 2.0e6, 0.1e6, "ops/s", 2e6, 2e6, 5, 0.3,
                0.3, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0.1, 0.1);
        String decode = Checks.DECODE;
        assertEquals(Checks.Verdict.MET, check(results(List.of(fast)), decode).verdict());
        Checks.Check wide = check(results(List.of(noisy)), decode);
        assertEquals(Checks.Verdict.NOT_SURE, wide.verdict(), "3.6 M ± 0.5 M: the lower bound 3.1 M is over the goal but the error is 14%");
        assertTrue(wide.verdictText().contains("error ±14%"), wide.verdictText());
        Checks.Check slowest = check(results(List.of(fast, slow)), decode);
        assertEquals(Checks.Verdict.MISSED, slowest.verdict(), "the slowest type decides");
        assertTrue(slowest.measured().endsWith("(BID_REQUEST)"), slowest.measured());
        Row straddling = new Row("SelectionBenchmark.select", new TreeMap<>(Map.of("bids", "10000", "strategy", "least-finish")),
                "avgt", 18, 4, "us/op", 18, 18, 5, 0.3, 0.3, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0.1, 0.1);
        Checks.Check selection = check(results(List.of(straddling)), "selection over 10,000 bids, least-finish");
        assertEquals(Checks.Verdict.NOT_SURE, selection.verdict(), "18 ± 4 µs against < 20 µs; and any strategy measured is judged");
    }

    @Test
    void aTargetMeasuredWhileOtherWorkTookHalfTheCoresIsNotJudged() {
        Row busy = roundTrip("auction", "loopback", 80, 75, 95, 200, 180, 240, 1.4);
        Checks.Check c = check(results(List.of(busy)), "3-peer auction round trip, loopback, p50");
        assertEquals(Checks.Verdict.BUSY, c.verdict());
        assertTrue(c.verdictText().startsWith("not judged: machine busy (load 0.30→0.40; other work took 1.4 of 2 cores"),
                c.verdictText());
        Row calm = roundTrip("auction", "loopback", 80, 75, 95, 200, 180, 240, 0.9);
        assertEquals(Checks.Verdict.MET, check(results(List.of(calm)), "3-peer auction round trip, loopback, p50").verdict(),
                "0.9 of 2 cores is under half");
        Row olderSummary = new Row("RoundTripBenchmark.auction", new TreeMap<>(Map.of("mesh", "loopback", "peers", "3")), "sample",
                80, Double.NaN, "us/op", 80, 200, 100, 1.9, 1.9);
        Checks.Check old = check(results(List.of(olderSummary)), "3-peer auction round trip, loopback, p50");
        assertEquals(Checks.Verdict.MET, old.verdict(), "no probe recorded: the point value is judged, and says so");
        assertTrue(old.verdictText().contains("no bound recorded"), old.verdictText());
    }

    @Test
    void ratiosDivideTheSameOperationMeasuredBothWaysAndNothingElse() {
        List<Row> rows = new ArrayList<>(List.of(
                roundTrip("auction", "loopback", 100, 90, 110, 200, 180, 240, 0.1),
                roundTrip("auction", "shell", 20_000, 19_000, 21_000, 40_000, 35_000, 50_000, 0.1),
                roundTrip("auction", "shell-per-bid", 520_000, 510_000, 530_000, 600_000, 550_000, 650_000, 0.1),
                roundTrip("task", "loopback", 150, 140, 160, 300, 250, 400, 0.1),
                new Row("SelectionBenchmark.select", new TreeMap<>(Map.of("bids", "10000", "strategy", "npu-first")), "avgt", 15,
                        1, "us/op", 15, 15, 5, 0.3, 0.3),
                new Row("CodecBenchmark.decode", Map.of("type", "TASK"), "thrpt", 3.5e6, 0.2e6, "ops/s", 3.5e6, 3.5e6, 5, 0.3, 0.3)));
        BenchResults r = results(rows);
        assertEquals(200.0, check(r, "3-peer auction round trip, loopback, p50").ratio(), 1e-9, "netcat p50 / loopback p50");
        assertEquals(200.0, check(r, "3-peer auction round trip, loopback, p99").ratio(), 1e-9, "netcat p99 / loopback p99");
        assertEquals(5200.0, check(r, "3-peer auction round trip, loopback, p50, against the agents' 500 ms CPU window").ratio(), 1e-9);
        Checks.Check task = check(r, "full task round trip, 3 peers, loopback, p50");
        assertTrue(Double.isNaN(task.ratio()), "no task on the shell agents in this run: no ratio");
        assertEquals("", task.seed());
        assertTrue(Checks.of(r).stream().noneMatch(c -> c.what().startsWith("full task") && c.what().contains("500 ms")),
                "no per-bid task measured: no comparison row");
        assertTrue(Double.isNaN(check(r, "selection over 10,000 bids, npu-first").ratio()), "a selection is no bid round");
        assertTrue(Double.isNaN(check(r, Checks.DECODE).ratio()), "a decode is no bid round");
        for (Checks.Check c : Checks.of(r)) {
            assertTrue(Double.isNaN(c.ratio()) || !c.seed().isEmpty(), "a ratio names what it divides: " + c);
            assertFalse(c.seed().contains("10 s"), "the fixed bid wait is no measurement: " + c);
        }
        rows.add(roundTrip("task", "shell", 30_000, 29_000, 31_000, 60_000, 50_000, 70_000, 0.1));
        assertEquals(200.0, check(results(rows), "full task round trip, 3 peers, loopback, p50").ratio(), 1e-9);
    }

    @Test
    void theOpenLoopIsJudgedOnTheMedianOfItsRepeatsAndNotSureWhenTheyDisagree() {
        assertEquals(Checks.Verdict.MET, tasks(level(10_000, 5, 6, 7), level(15_000, 7, 8, 9)).verdict());
        Checks.Check mixed = tasks(level(10_000, 5, 6, 7), level(15_000, 7, 9, 12));
        assertEquals(Checks.Verdict.NOT_SURE, mixed.verdict(), "the median met, one run of three did not");
        assertTrue(mixed.measured().startsWith("15,000 /s (median p99 9.00 ms, spread 7.00–12.00 ms; 3 × 20 s a rate)"),
                mixed.measured());
        assertEquals(Checks.Verdict.MISSED, tasks(level(10_000, 5, 6, 7), level(15_000, 11, 12, 13)).verdict());
        assertEquals(Checks.Verdict.MISSED, tasks(level(5_000, 11, 12, 30)).verdict(), "stopped below the goal, no run met");
        assertEquals(Checks.Verdict.NOT_SURE, tasks(level(5_000, 8, 12, 30)).verdict(), "stopped below the goal, one run met");
        OpenLoop.Level busy = new OpenLoop.Level(15_000, List.of(), 8, 8, 8, 8, 7, 9, true, 0.2, 1.5, 0.3, 1.8);
        Checks.Check c = tasks(level(10_000, 5, 6, 7), withRepeats(busy, 7, 8, 9));
        assertEquals(Checks.Verdict.BUSY, c.verdict());
        assertTrue(c.verdictText().contains("load 0.30→1.80"), c.verdictText());
    }

    private static OpenLoop.Level level(double rate, double... p99s) {
        List<OpenLoop.Step> runs = new ArrayList<>();
        for (double p99 : p99s) {
            long n = (long) (rate * 20);
            runs.add(new OpenLoop.Step(rate, n, n, 0, 1, p99, p99 * 2));
        }
        double[] sorted = p99s.clone();
        java.util.Arrays.sort(sorted);
        double median = sorted[sorted.length / 2];
        return new OpenLoop.Level(rate, runs, 1, 1, 1, median, sorted[0], sorted[sorted.length - 1], median <= 10, 0.1, 0.1,
                0.3, 0.3);
    }

    private static OpenLoop.Level withRepeats(OpenLoop.Level l, double... p99s) {
        OpenLoop.Level r = level(l.rate(), p99s);
        return new OpenLoop.Level(r.rate(), r.repeats(), r.p50Median(), r.p50Min(), r.p50Max(), r.p99Median(), r.p99Min(),
                r.p99Max(), r.sustained(), l.othersBefore(), l.othersAfter(), l.loadBefore(), l.loadAfter());
    }

    private static Checks.Check tasks(OpenLoop.Level... levels) {
        double sustained = 0;
        for (OpenLoop.Level l : levels) {
            if (!l.sustained()) {
                break;
            }
            sustained = l.rate();
        }
        OpenLoop.Series s = new OpenLoop.Series("TASK", List.of(levels), sustained);
        OpenLoop.Result load = new OpenLoop.Result("loopback, one JVM, 10 peers", 10, List.of(), 0,
                List.of(new OpenLoop.Series("AUCTION", List.of(), 0), s), 3, 20_000);
        BenchResults r = new BenchResults(BenchSuite.Size.FULL, TWO_CORES, List.of(), load, 0.3, 0.4, List.of(), 0.1, 0.1, 600);
        return check(r, "full tasks sustained, 10 peers, open loop, p99 < 10 ms");
    }

    @Test
    void aSmokeRunJudgesNothing() {
        BenchResults r = new BenchResults(BenchSuite.Size.SMOKE, TWO_CORES,
                List.of(roundTrip("auction", "loopback", 80, 75, 95, 200, 180, 240, 0.1)), null, 0.3, 0.4);
        assertTrue(Checks.of(r).stream().allMatch(c -> c.verdict() == Checks.Verdict.SMOKE), Checks.of(r).toString());
    }

    @Test
    void orderStatisticBoundsWidenWithFewSamplesAndTakeTheWorstIteration() {
        // samples 1..1000: the percentile q is the value q*10
        java.util.function.DoubleUnaryOperator uniform = q -> Math.max(1, Math.ceil(q * 10));
        double[] b = Bounds.of(uniform, 1000, 0.5, new double[0]);
        assertTrue(b[0] < 500 && b[1] > 500 && b[1] - b[0] < 120, java.util.Arrays.toString(b));
        double[] withIterations = Bounds.of(uniform, 1000, 0.5, new double[]{430, 610});
        assertEquals(430, withIterations[0]);
        assertEquals(610, withIterations[1]);
        double[] p99 = Bounds.of(uniform, 1000, 0.99, new double[0]);
        assertTrue(p99[0] < 990 && p99[1] == 1000, java.util.Arrays.toString(p99));
    }
}
