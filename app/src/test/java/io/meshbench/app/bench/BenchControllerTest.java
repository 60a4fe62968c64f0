package io.meshbench.app.bench;

import io.meshbench.bench.suite.BenchResults;
import io.meshbench.bench.suite.BenchSuite;
import io.meshbench.bench.suite.Comparison;
import io.meshbench.bench.suite.SummaryFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The panel without the toolkit. The suite is replaced by a runner that reports progress and returns
 * a real run's results (JMH itself is the benchmarks module's smoke test's to run); the folders are
 * real runs' summary.json files.
 */
class BenchControllerTest {

    @TempDir
    Path dir;

    private final List<Double> shown = new ArrayList<>();

    private BenchController controller(BenchController.SuiteRunner runner, Runnable onCancel) {
        BenchController c = new BenchController(runner, Runnable::run, onCancel);
        c.model.outFolder.set(dir.resolve("out").toString());
        c.model.progress.addListener((o, was, now) -> shown.add(now.doubleValue()));
        return c;
    }

    private static void join(java.util.concurrent.CompletableFuture<Void> f) throws Exception {
        f.get(30, TimeUnit.SECONDS);
    }

    @Test
    void aRunReportsProgressForwardOnlyAndEndsWithItsResultsComparedWithTheEarlierOnes() throws Exception {
        BenchResults after = SummaryFile.read(Fixtures.after());
        List<BenchSuite.Request> asked = new ArrayList<>();
        BenchController c = controller((request, listener) -> {
            asked.add(request);
            listener.progress(0.25, "codec");
            listener.progress(0.10, "codec"); // a step's start may report less than the last tick
            listener.progress(0.75, "selection");
            return after;
        }, () -> { });
        join(c.loadEarlier(Fixtures.before()));
        c.model.size.set(BenchSuite.Size.SMOKE);
        join(c.onRun());

        assertEquals(List.of(new BenchSuite.Request(BenchSuite.Size.SMOKE, null, dir.resolve("out"))), asked);
        assertFalse(c.running());
        assertEquals("", c.errorText());
        assertEquals(List.of(-1.0, 0.25, 0.75, 1.0), shown, "progress only moves forward");
        assertTrue(c.statusText().startsWith("ran the smoke suite in "), c.statusText());
        Comparison comparison = c.comparison();
        assertEquals(after, comparison.later());
        Comparison.Line selection = comparison.lines().stream().filter(l -> l.benchmark().equals("SelectionBenchmark.select")
                && l.params().equals("bids=10000, strategy=npu-first")).findFirst().orElseThrow();
        assertEquals(Comparison.Verdict.FASTER, selection.verdict());
        assertTrue(selection.factor() > 10, "lazy rankings: " + selection.change());
    }

    @Test
    void aFailedRunIsOneLineNamingWhatFailedAndWhereTheLogIs() throws Exception {
        BenchController c = controller((request, listener) -> {
            throw new org.openjdk.jmh.runner.RunnerException("Benchmark caught the exception",
                    new IllegalStateException("mksh not found: run scripts/setup"));
        }, () -> { });
        join(c.onRun());
        String error = c.errorText();
        assertTrue(error.startsWith("the quick suite failed: Benchmark caught the exception: mksh not found: run scripts/setup"),
                error);
        assertTrue(error.endsWith("JMH's own output is in " + dir.resolve("out").resolve("jmh.log")), error);
        assertFalse(error.contains("\n") || error.contains("Exception:") || error.contains("\tat "), error);
        assertFalse(c.running());
        assertNull(c.comparison());
    }

    @Test
    void cancelStopsTheRunAndWhatItForkedAndSaysSo() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        AtomicInteger reaped = new AtomicInteger();
        BenchController c = controller((request, listener) -> {
            started.countDown();
            Thread.sleep(60_000); // a JMH fork that takes long: interrupted by Cancel
            throw new AssertionError("not cancelled");
        }, reaped::incrementAndGet);
        var done = c.onRun();
        assertTrue(started.await(10, TimeUnit.SECONDS));
        assertTrue(c.running());
        c.onCancel();
        join(done);
        assertFalse(c.running());
        assertEquals("", c.errorText(), "a cancelled run is no error");
        assertTrue(c.statusText().startsWith("cancelled after "), c.statusText());
        assertTrue(reaped.get() >= 1, "the forks are ended too");
    }

    @Test
    void wrongFieldsAreRefusedBeforeAnythingRuns() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        BenchController c = controller((request, listener) -> {
            runs.incrementAndGet();
            return null;
        }, () -> { });
        c.model.outFolder.set("  ");
        join(c.onRun());
        assertTrue(c.errorText().startsWith("Give an output folder"), c.errorText());
        c.model.outFolder.set(dir.toString());
        c.model.peersFile.set(dir.resolve("peers.txt").toString());
        join(c.onRun());
        assertTrue(c.errorText().startsWith("The peers file " + dir.resolve("peers.txt") + " cannot be read"), c.errorText());
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        c.model.peersFile.set("");
        c.model.outFolder.set(file.toString());
        join(c.onRun());
        assertTrue(c.errorText().contains("is a file: give a folder"), c.errorText());
        assertEquals(0, runs.get());
        assertFalse(c.running());
    }

    @Test
    void foldersLoadAndCompareAndAnUnreadableOneIsAnErrorNotAStackTrace() throws Exception {
        BenchController c = controller((request, listener) -> null, () -> { });
        join(c.load(Fixtures.after()));
        assertEquals(Fixtures.after(), c.model.current.get().folder());
        assertTrue(c.comparison().lines().stream().allMatch(l -> l.verdict() == Comparison.Verdict.ONLY_LATER),
                "nothing to compare with yet");

        join(c.loadEarlier(dir.resolve("missing")));
        assertEquals("the earlier results cannot be opened: " + dir.resolve("missing") + ": no such folder; give the "
                + "folder a bench run wrote (its --out, bench-results by default)", c.errorText());
        assertNull(c.model.earlier.get(), "the comparison stays as it was");

        Files.writeString(dir.resolve("summary.json"), "{\"results\": {\"size\": \"QUICK\", \"rows\": [ {");
        join(c.loadEarlier(dir));
        assertTrue(c.errorText().startsWith("the earlier results cannot be opened: " + dir.resolve("summary.json")
                + " is not JSON"), c.errorText());

        join(c.loadEarlier(Fixtures.before()));
        assertEquals("", c.errorText());
        assertTrue(c.comparison().count(Comparison.Verdict.FASTER) > 0);
        assertEquals("comparing " + Fixtures.after() + " with " + Fixtures.before(), c.statusText());
        c.clearEarlier();
        assertEquals(0, c.comparison().count(Comparison.Verdict.FASTER));
    }
}
