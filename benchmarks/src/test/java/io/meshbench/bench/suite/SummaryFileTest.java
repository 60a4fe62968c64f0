package io.meshbench.bench.suite;

import io.meshbench.bench.load.OpenLoop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A results folder written by the suite's own writer reads back as the same results; bad folders say what is wrong. */
class SummaryFileTest {

    @TempDir
    Path dir;

    /** A run shipped in {@code benchmarks/results/} (the tests run in the module's folder). */
    static BenchResults shipped(String run) throws IOException {
        return SummaryFile.read(Path.of("results", run));
    }

    static BenchResults results(double loopbackP50Us, double decodePerSecond, double sustained) {
        List<Row> rows = List.of(
                new Row("CodecBenchmark.decode", Map.of("type", "BID_RESPONSE"), "thrpt", decodePerSecond, Double.NaN,
                        "ops/s", decodePerSecond, decodePerSecond, 2, 1.5, 1.6),
                new Row("SelectionBenchmark.select", new TreeMap<>(Map.of("bids", "10000", "strategy", "npu-first")), "avgt", 80, 4,
                        "us/op", 80, 80, 2, 1.5, 1.6),
                new Row("RoundTripBenchmark.auction", new TreeMap<>(Map.of("mesh", "loopback", "peers", "3")), "sample",
                        loopbackP50Us * 1.1, Double.NaN, "us/op", loopbackP50Us, loopbackP50Us * 3, 10_000, 1.5, 1.6),
                new Row("RoundTripBenchmark.auction", new TreeMap<>(Map.of("mesh", "shell", "peers", "3")), "sample", 20_000, Double.NaN,
                        "us/op", 20_000, 30_000, 40, 1.5, 1.6));
        OpenLoop.Result load = new OpenLoop.Result("loopback, one JVM, 10 peers", 10,
                List.of(new OpenLoop.Step(1000, 2000, 2000, 0, 0.4, 2.5, 3.0)), sustained);
        return new BenchResults(BenchSuite.Size.QUICK, new Machine(2, "Linux 6 amd64", "Temurin 25", "OpenJDK 64-Bit"),
                rows, load, 1.5, 1.6);
    }

    @Test
    void aFolderTheSuiteWroteReadsBackAsTheSameResults() throws IOException {
        BenchResults written = results(450, 1.2e6, 7500);
        Reports.write(written, List.of(), dir);
        BenchResults read = SummaryFile.read(dir);
        // NaN errors read back as NaN: records compare doubles with Double.compare, so NaN equals NaN
        assertEquals(written.rows(), read.rows());
        assertEquals(written.machine(), read.machine());
        assertEquals(written.size(), read.size());
        assertEquals(written.load(), read.load());
        assertEquals(Checks.of(written), Checks.of(read), "the targets come out the same from what was read back");
        assertEquals(written.rows(), SummaryFile.read(dir.resolve("summary.json")).rows(), "the file itself reads too");
    }

    @Test
    void aSummaryOfTheFirstSuiteStillReadsAndCompares() throws IOException {
        // written by the suite before bounds, probes of other work, failures and repeated open-loop rates
        BenchResults old = SummaryFile.read(Path.of("results", "2026-11-28-full"));
        assertEquals(BenchSuite.Size.FULL, old.size());
        assertTrue(old.failures().isEmpty());
        assertTrue(Double.isNaN(old.othersBefore()) && Double.isNaN(old.seconds()), "not recorded reads as NaN, not 0");
        Row loopback = old.roundTrip("auction", "loopback", 3).orElseThrow();
        assertTrue(Double.isNaN(loopback.p99High()) && Double.isNaN(loopback.othersBefore()), loopback.toString());
        assertEquals(6000, old.load().sustainedRate());
        assertTrue(old.load().series().isEmpty());
        Checks.Check p50 = Checks.of(old).stream().filter(c -> c.what().equals("3-peer auction round trip, loopback, p50"))
                .findFirst().orElseThrow();
        assertTrue(p50.verdictText().contains("no bound recorded"), p50.verdictText());
        String text = ComparisonText.markdown(Comparison.of(old, results(90, 3.5e6, 15_000)), "old", "new");
        assertTrue(text.contains("| open-loop load | loopback, one JVM, 10 peers"), text);
    }

    @Test
    void aNewSummaryKeepsItsFailuresBoundsAndSeries() throws IOException {
        BenchResults base = results(90, 3.5e6, 15_000);
        java.util.List<Row> rows = new java.util.ArrayList<>(base.rows());
        Row l = rows.get(2);
        rows.set(2, new Row(l.benchmark(), l.params(), l.mode(), l.score(), l.error(), l.unit(), l.p50(), l.p99(), l.samples(),
                0.2, 0.3, 80, 95, 200, 240, 0.1, 0.2));
        io.meshbench.bench.load.OpenLoop.Step run = new io.meshbench.bench.load.OpenLoop.Step(15_000, 300_000, 300_000, 0, 1, 4, 9);
        io.meshbench.bench.load.OpenLoop.Series tasks = new io.meshbench.bench.load.OpenLoop.Series("TASK", List.of(
                new io.meshbench.bench.load.OpenLoop.Level(15_000, List.of(run, run, run), 1, 1, 1, 4, 4, 4, true, 0.1, 0.1, 0.2, 0.3)),
                15_000);
        io.meshbench.bench.load.OpenLoop.Result load = new io.meshbench.bench.load.OpenLoop.Result("loopback, one JVM, 10 peers",
                10, List.of(run), 15_000, List.of(tasks), 3, 20_000);
        BenchResults written = new BenchResults(BenchSuite.Size.FULL, base.machine(), rows, load, 0.2, 0.3,
                List.of(new Failure("roundtrip-shell", "RoundTripBenchmark.auction mesh=shell peers=3", "java.io.IOException: x")),
                0.1, 0.2, 1190);
        Reports.write(written, List.of(), dir);
        BenchResults read = SummaryFile.read(dir);
        assertEquals(written, read);
    }

    @Test
    void aMissingFolderIsNamedWithWhatToGive() {
        IOException e = assertThrows(IOException.class, () -> SummaryFile.read(dir.resolve("nope")));
        assertTrue(e.getMessage().startsWith(dir.resolve("nope") + ": no such folder"), e.getMessage());
    }

    @Test
    void aFolderWithoutASummarySaysWhatItLacks() {
        IOException e = assertThrows(IOException.class, () -> SummaryFile.read(dir));
        assertTrue(e.getMessage().contains("holds no summary.json"), e.getMessage());
    }

    @Test
    void aCutOrForeignFileIsRefusedWithItsName() throws IOException {
        Files.writeString(dir.resolve("summary.json"), "{\"results\": {\"size\": \"QUICK\", \"rows\": [");
        IOException cut = assertThrows(IOException.class, () -> SummaryFile.read(dir));
        assertTrue(cut.getMessage().startsWith(dir.resolve("summary.json") + " is not JSON"), cut.getMessage());
        assertFalse(cut.getMessage().contains("\n"), "one line: " + cut.getMessage());

        Files.writeString(dir.resolve("summary.json"), "{\"tasks\": 3}");
        IOException foreign = assertThrows(IOException.class, () -> SummaryFile.read(dir));
        assertTrue(foreign.getMessage().contains("is not a MeshBench benchmark summary"), foreign.getMessage());

        Files.writeString(dir.resolve("summary.json"), "{\"results\": {\"size\": \"HUGE\", \"rows\": []}}");
        IOException badSize = assertThrows(IOException.class, () -> SummaryFile.read(dir));
        assertTrue(badSize.getMessage().contains("is not a MeshBench benchmark summary"), badSize.getMessage());

        Files.writeString(dir.resolve("summary.json"), "{\"results\": {\"size\": \"QUICK\", \"rows\": [{\"score\": 1}]}}");
        IOException noMachine = assertThrows(IOException.class, () -> SummaryFile.read(dir));
        assertTrue(noMachine.getMessage().contains("lacks the suite's size, its machine"), noMachine.getMessage());
    }
}
