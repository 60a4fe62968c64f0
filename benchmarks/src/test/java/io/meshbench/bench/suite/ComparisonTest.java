package io.meshbench.bench.suite;

import io.meshbench.bench.load.OpenLoop;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.meshbench.bench.suite.SummaryFileTest.results;
import static io.meshbench.bench.suite.SummaryFileTest.shipped;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ComparisonTest {

    private static Comparison.Line line(Comparison c, String benchmark, String params) {
        return c.lines().stream().filter(l -> l.benchmark().equals(benchmark) && l.params().contains(params))
                .findFirst().orElseThrow(() -> new AssertionError("no line " + benchmark + " " + params + " in " + c.lines()));
    }

    @Test
    void timesAndThroughputsAreJudgedEachTheirWay() {
        // loopback p50 halves (faster), decode throughput drops by a third (lower), sustained rate doubles (higher)
        Comparison c = Comparison.of(results(800, 1.5e6, 5000), results(400, 1.0e6, 10_000));
        Comparison.Line auction = line(c, "RoundTripBenchmark.auction", "mesh=loopback");
        assertEquals(Comparison.Verdict.FASTER, auction.verdict());
        assertEquals(2.0, auction.factor(), 1e-9);
        assertEquals("p50", auction.measure());
        assertEquals("2.00× faster", auction.change());
        Comparison.Line decode = line(c, "CodecBenchmark.decode", "BID_RESPONSE");
        assertEquals(Comparison.Verdict.SLOWER, decode.verdict());
        assertTrue(decode.higherIsBetter());
        assertEquals("1.50× lower", decode.change(), "a throughput is higher or lower");
        Comparison.Line load = line(c, "open-loop load", "10 peers");
        assertEquals(Comparison.Verdict.FASTER, load.verdict());
        assertEquals("2.00× higher", load.change());
        assertEquals(5000, load.earlier());
        assertEquals(10_000, load.later());
        assertEquals(Comparison.Verdict.SAME, line(c, "RoundTripBenchmark.auction", "mesh=shell").verdict());
        assertEquals(2, c.count(Comparison.Verdict.FASTER));
        assertEquals(1, c.count(Comparison.Verdict.SLOWER));
    }

    @Test
    void smallChangesAndChangesWithinJmhsErrorAreTheSame() {
        Comparison small = Comparison.of(results(400, 1.0e6, 5000), results(430, 1.05e6, 5000));
        Comparison.Line auction = line(small, "RoundTripBenchmark.auction", "mesh=loopback");
        assertEquals(Comparison.Verdict.SAME, auction.verdict());
        assertTrue(auction.change().matches("same \\(\\+[78]%\\)"), "400 µs, then 430: the value grew 7.5%: " + auction.change());

        BenchResults a = results(400, 1e6, 5000), b = results(400, 1e6, 5000);
        List<Row> rows = new ArrayList<>(b.rows());
        Row sel = rows.get(1); // 80 ± 4 µs earlier; 150 ± 70 µs now: the intervals overlap, so no verdict
        rows.set(1, new Row(sel.benchmark(), sel.params(), sel.mode(), 150, 70, sel.unit(), 150, 150, 2, 1.5, 1.6));
        Comparison noisy = Comparison.of(a, new BenchResults(b.size(), b.machine(), rows, b.load(), 1.5, 1.6));
        assertEquals(Comparison.Verdict.SAME, line(noisy, "SelectionBenchmark.select", "10000").verdict());
        assertEquals("within error (+88%)", line(noisy, "SelectionBenchmark.select", "10000").change());
        rows.set(1, new Row(sel.benchmark(), sel.params(), sel.mode(), 150, 5, sel.unit(), 150, 150, 2, 1.5, 1.6));
        Comparison clear = Comparison.of(a, new BenchResults(b.size(), b.machine(), rows, b.load(), 1.5, 1.6));
        assertEquals(Comparison.Verdict.SLOWER, line(clear, "SelectionBenchmark.select", "10000").verdict());
    }

    @Test
    void benchmarksOneRunLacksAreListedAsSuchAndTheDifferencesBetweenRunsAreNoted() {
        BenchResults earlier = results(400, 1.2e6, 5000);
        BenchResults full = results(400, 1.2e6, 5000);
        List<Row> rows = new ArrayList<>(full.rows().subList(1, full.rows().size()).stream()
                .map(r -> new Row(r.benchmark(), r.params(), r.mode(), r.score(), r.error(), r.unit(), r.p50(), r.p99(),
                        r.samples(), 4.2, 4.4)).toList());
        rows.add(new Row("RoundTripBenchmark.auction", Map.of("mesh", "loopback", "peers", "1000"), "sample", 9000,
                Double.NaN, "us/op", 8000, 20_000, 100, 4.2, 4.4));
        BenchResults later = new BenchResults(BenchSuite.Size.FULL, new Machine(4, "Linux", "Temurin 25", "vm"), rows,
                null, 4.2, 4.4);
        Comparison c = Comparison.of(earlier, later);
        assertEquals(Comparison.Verdict.ONLY_LATER, line(c, "RoundTripBenchmark.auction", "peers=1000").verdict());
        assertEquals(Comparison.Verdict.ONLY_EARLIER, line(c, "CodecBenchmark.decode", "BID_RESPONSE").verdict());
        Comparison.Line load = line(c, "open-loop load", "10 peers");
        assertEquals(Comparison.Verdict.ONLY_EARLIER, load.verdict());
        assertTrue(Double.isNaN(load.later()));
        String notes = String.join("\n", c.notes());
        assertTrue(notes.contains("different suites (earlier quick, this one full)"), notes);
        assertTrue(notes.contains("earlier 2 cores, this one 4"), notes);
        assertTrue(notes.contains("busier during the later run"), notes);
        Comparison.Target decode = c.targets().stream().filter(t -> t.what().startsWith("decode")).findFirst().orElseThrow();
        assertEquals(Checks.Verdict.NOT_SURE, decode.earlierVerdict(), "no error recorded: no bound to decide on");
        assertTrue(decode.earlierWords().startsWith("not sure (no error"), decode.earlierWords());
        assertNull(decode.earlierMet());
        assertNull(decode.laterMet());
        assertNull(decode.laterVerdict());
        assertEquals("not measured", decode.later());
    }

    @Test
    void aRunComparedWithItselfIsTheSameEverywhere() {
        BenchResults r = results(450, 1.2e6, 7500);
        Comparison c = Comparison.of(r, r);
        assertTrue(c.lines().stream().allMatch(l -> l.verdict() == Comparison.Verdict.SAME), c.lines().toString());
        assertTrue(c.notes().isEmpty(), c.notes().toString());
        String text = ComparisonText.markdown(c, "old", "new");
        assertTrue(text.contains("0 better (faster, higher or less memory), 0 worse, 5 the same"), text);
        assertFalse(text.contains("**") && text.contains("×"), "no change highlighted: " + text);
    }

    @Test
    void theTextHighlightsWhatMoved() {
        String text = ComparisonText.markdown(Comparison.of(results(800, 1e6, 5000), results(400, 1e6, 5000)),
                "bench-old", "bench-results");
        assertTrue(text.contains("Earlier: bench-old (quick suite, 2 cores"), text);
        assertTrue(text.matches("(?s).*\\| RoundTripBenchmark\\.auction \\| mesh=loopback, peers=3 \\| p50 \\| us/op \\| 800 \\| 400 \\| \\*\\*2\\.00× faster\\*\\* \\|.*"), text);
        String targets = ComparisonText.markdown(Comparison.of(results(800, 1e6, 5000), results(50, 1e6, 5000)), "a", "b");
        assertTrue(targets.contains("| 3-peer auction round trip, loopback, p50 | < 0.1 ms | 0.800 ms | **no (no bound recorded)** "
                + "| 0.050 ms | yes (no bound recorded) |"), targets);
    }

    @Test
    void zeroSustainedRatesCompareWithoutDividingByZero() {
        Comparison c = Comparison.of(results(400, 1e6, 0), results(400, 1e6, 0));
        assertEquals(Comparison.Verdict.SAME, line(c, "open-loop load", "10 peers").verdict());
        Comparison up = Comparison.of(results(400, 1e6, 0), results(400, 1e6, 2500));
        assertEquals("higher (was 0)", line(up, "open-loop load", "10 peers").change());
        Comparison down = Comparison.of(results(400, 1e6, 2500), results(400, 1e6, 0));
        assertEquals("lower (now 0)", line(down, "open-loop load", "10 peers").change());
        assertEquals(OpenLoop.Result.class, results(1, 1, 1).load().getClass());
    }

    @Test
    void eachKindOfRowIsWordedForWhatItMeasuresInRealScaleRuns() throws Exception {
        BenchResults baseline = shipped("2026-12-01-scale-baseline"), scale = shipped("2026-12-01-scale");
        Comparison c = Comparison.of(baseline, scale);
        assertEquals("4.72× faster", line(c, ScaleRows.WALL, "scenario=scale-10k").change(), "75.7 s, then 16.0 s");
        assertEquals("4.72× higher", line(c, ScaleRows.EVENTS, "scenario=scale-10k").change(), "378k, then 1.78M events/s");
        assertEquals("2.99× less memory", line(c, ScaleRows.PEAK_RSS, "scenario=scale-10k").change(), "824, then 275 MiB");
        assertEquals("3.18× less memory", line(c, ScaleRows.HEAP_PER_PHONE, "scenario=scale-10k").change());
        assertEquals("same (+0%)", line(c, ScaleRows.TASKS, "scenario=scale-10k").change());
        assertEquals("same (+4%)", line(c, ScaleRows.HEAP_END, "scenario=phones-100k").change(), "190, then 197 MiB: grew");
        assertEquals("one run", line(c, ScaleRows.HEAP_END, "scenario=phones-100k").measure());
        assertEquals("same (+0%)", line(Comparison.of(scale, baseline), ScaleRows.TASKS, "scenario=chaos-10k").change());
        Comparison back = Comparison.of(scale, baseline);
        assertEquals("4.72× slower", line(back, ScaleRows.WALL, "scenario=scale-10k").change());
        assertEquals("4.72× lower", line(back, ScaleRows.EVENTS, "scenario=scale-10k").change());
        assertEquals("2.99× more memory", line(back, ScaleRows.PEAK_RSS, "scenario=scale-10k").change());
        assertEquals("2.09× more memory", line(back, ScaleRows.HEAP_END, "scenario=one-mesh-10k").change());
        assertWordsFit(c, Quantity.TIME, Quantity.RATE, Quantity.MEMORY);
        assertWordsFit(back, Quantity.TIME, Quantity.RATE, Quantity.MEMORY);
        String text = ComparisonText.markdown(c, "baseline", "scale");
        assertTrue(text.contains("| Scale.peakRss | scenario=scale-10k | one run | MiB | 824 | 275 | **2.99× less memory** |"), text);
        assertFalse(text.matches("(?s).*\\| (MiB|B/phone|events/s) \\|[^\n]*(faster|slower).*"), "no memory or rate is faster: "
                + text);
    }

    @Test
    void eachKindOfRowIsWordedForWhatItMeasuresInRealFullRuns() throws Exception {
        BenchResults older = shipped("2026-11-28-full"), full = shipped("2026-12-01-full");
        Comparison c = Comparison.of(older, full);
        assertWordsFit(c, Quantity.TIME, Quantity.RATE);
        assertTrue(c.lines().stream().noneMatch(l -> l.change().contains("-0%")), "a change under half a percent is +0%");
        assertEquals("within error (-65%)", line(c, "SelectionBenchmark.select", "bids=100, strategy=npu-first").change(),
                "0.540 µs, then 0.189 ± a wide error");
        assertTrue(c.lines().stream().anyMatch(l -> l.benchmark().equals("open-loop load") && l.change().matches(
                "same.*|.*(higher|lower).*")), c.lines().toString());
        Comparison itself = Comparison.of(full, full);
        assertTrue(itself.lines().stream().allMatch(l -> l.verdict() == Comparison.Verdict.SAME), itself.lines().toString());
    }

    @Test
    void aUnitSaysWhatItMeasures() {
        for (String time : List.of("us/op", "ns/op", "ms/op", "s/op", "s")) {
            assertEquals(Quantity.TIME, Quantity.of(time), time);
        }
        for (String rate : List.of("ops/s", "ops/us", "events/s", "auctions/s", "tasks/s")) {
            assertEquals(Quantity.RATE, Quantity.of(rate), rate);
        }
        for (String memory : List.of("MiB", "B/phone", "GiB", "B")) {
            assertEquals(Quantity.MEMORY, Quantity.of(memory), memory);
        }
        assertEquals(Quantity.COUNT, Quantity.of("tasks"));
        assertEquals("faster (now 0)", Quantity.TIME.change(Double.POSITIVE_INFINITY), "a time that is now 0");
        assertEquals("more memory (was 0)", Quantity.MEMORY.change(0));
        assertEquals("1.25× fewer", Quantity.COUNT.change(0.8));
    }

    /**
     * Every line that moved is worded for its quantity (a time faster or slower, a rate higher or lower, memory
     * less or more), and each of {@code kinds} has at least one such line.
     */
    private static void assertWordsFit(Comparison c, Quantity... kinds) {
        java.util.Set<Quantity> seen = java.util.EnumSet.noneOf(Quantity.class);
        for (Comparison.Line l : c.lines()) {
            if (l.verdict() != Comparison.Verdict.FASTER && l.verdict() != Comparison.Verdict.SLOWER) {
                continue;
            }
            Quantity q = Quantity.of(l.unit());
            String word = l.verdict() == Comparison.Verdict.FASTER ? q.better() : q.worse();
            assertTrue(l.change().endsWith("× " + word), l.benchmark() + " " + l.params() + " in " + l.unit() + ": "
                    + l.change());
            seen.add(q);
        }
        for (Quantity k : kinds) {
            assertTrue(seen.contains(k), "a " + k + " line that moved, in " + c.lines());
        }
    }
}
