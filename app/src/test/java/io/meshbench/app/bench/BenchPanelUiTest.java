package io.meshbench.app.bench;

import io.meshbench.app.FxViews;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.meshbench.bench.suite.BenchResults;
import io.meshbench.bench.suite.Checks;
import io.meshbench.bench.suite.Failure;
import io.meshbench.bench.suite.SummaryFile;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.meshbench.app.FxViews.onFx;
import static io.meshbench.app.FxViews.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Benchmarks panel on the project's own kept runs (benchmarks/results), headless on Monocle: both
 * open-loop series with their median and spread and the target's verdict; the failed benchmarks of a run
 * listed at the top, opened from a folder or ending a run; verdicts coloured by what they say; summaries of
 * older suites and of the scale suite still open.
 */
class BenchPanelUiTest {

    private static final FxRobot robot = new FxRobot();
    private final List<BenchWindow> opened = new ArrayList<>();

    @TempDir
    Path dir;

    @BeforeAll
    static void toolkit() throws Exception {
        FxViews.toolkit();
    }

    @AfterEach
    void close() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> opened.forEach(w -> w.stage().close())).get(FxViews.FX_WAIT_SECONDS, TimeUnit.SECONDS);
    }

    /** A run kept in the repository's benchmarks/results (the tests run in the app module's folder). */
    static Path kept(String name) {
        Path folder = Path.of(System.getProperty("user.dir")).toAbsolutePath().getParent()
                .resolve("benchmarks").resolve("results").resolve(name);
        assertTrue(Files.isRegularFile(folder.resolve(SummaryFile.NAME)), folder + " holds the kept run's summary");
        return folder;
    }

    private BenchWindow open(BenchController.SuiteRunner runner, Path out) throws Exception {
        BenchController controller = new BenchController(runner, javafx.application.Platform::runLater, () -> { });
        BenchWindow window = onFx(() -> BenchWindow.open(controller, out, null));
        opened.add(window);
        return window;
    }

    private BenchView openLoaded(Path folder) throws Exception {
        BenchWindow w = open((r, l) -> { throw new AssertionError("nothing runs"); }, folder);
        await("the run is loaded", () -> onFx(() -> w.controller().model.current.get() != null
                || !w.controller().errorText().isEmpty()));
        assertEquals("", onFx(() -> w.controller().errorText()), "opens without an error");
        WaitForAsyncUtils.waitForFxEvents();
        return (BenchView) w.controller().view();
    }

    /** The texts of the failures list, row by row as the panel lays them out. */
    private static List<String> failureTexts(BenchView view) throws Exception {
        return onFx(() -> {
            List<String> texts = new ArrayList<>();
            collect(view.failures, texts);
            return texts;
        });
    }

    private static void collect(Node node, List<String> into) {
        if (node instanceof Label l) {
            into.add(l.getText());
        } else if (node instanceof javafx.scene.Parent p) {
            p.getChildrenUnmodifiable().forEach(c -> collect(c, into));
        }
    }

    /** The real full run with failures added, written as the suite writes summary.json. */
    private Path withFailures(List<Failure> failures) throws Exception {
        BenchResults real = SummaryFile.read(kept("2026-12-01-full"));
        BenchResults failed = new BenchResults(real.size(), real.machine(), real.rows(), real.load(), real.loadBefore(),
                real.loadAfter(), failures, real.othersBefore(), real.othersAfter(), real.seconds());
        Path out = Files.createDirectories(dir.resolve("failed"));
        // What Reports.write puts in summary.json (the suite's writer is not public outside its package).
        new ObjectMapper().writeValue(out.resolve(SummaryFile.NAME).toFile(),
                Map.of("results", failed, "checks", Checks.of(failed)));
        return out;
    }

    private static final List<Failure> FAILURES = List.of(
            new Failure("roundtrip-shell", "RoundTripBenchmark.auction mesh=shell peers=10",
                    "java.io.IOException: nc: bind: Address already in use (Device_6, port 40133)"),
            new Failure("open-loop", "OpenLoop, 10 peers", "java.lang.IllegalStateException: a peer did not answer"));

    @Test
    void theRealFullRunShowsBothOpenLoopSeriesWithMedianSpreadAndTheTargetsVerdict() throws Exception {
        BenchView view = openLoaded(kept("2026-12-01-full"));
        List<TableRows.Load> rows = onFx(() -> List.copyOf(view.load.getItems()));
        assertEquals(List.of(
                new TableRows.Load(TableRows.AUCTION, "5,000", "3", "300,000", "0", "0.33 (0.32–0.47)", "5.78 (2.30–7.82)",
                        "yes", "4.79→6.68"),
                new TableRows.Load(TableRows.AUCTION, "10,000", "3", "600,000", "0", "2.16 (1.71–720.90)",
                        "45.71 (17.84–9126.81)", "no", "6.15→9.47"),
                new TableRows.Load(TableRows.TASK, "5,000", "3", "300,000", "0", "0.43 (0.42–0.44)", "3.79 (3.50–21.23)",
                        "yes", "9.47→8.51"),
                new TableRows.Load(TableRows.TASK, "10,000", "3", "600,000", "449", "929.04 (40.04–2237.66)",
                        "7423.92 (1258.29–15871.25)", "no", "7.82→9.43")), rows, "the rows of summary.md's open-loop table");
        String summary = onFx(() -> view.loadSummary.getText());
        assertTrue(summary.contains("each rate ran 3 × 20 s") && summary.contains("median and spread (min–max)"), summary);
        assertTrue(summary.contains("auctions (timed to the winner's choice): 5,000 /s"), summary);
        assertTrue(summary.contains("full tasks (timed to the winner's RESULT): 5,000 /s"), summary);
        String verdict = onFx(() -> view.loadVerdict.getText());
        assertTrue(verdict.startsWith("Target, judged on the full-task series: full tasks sustained, 10 peers, open loop, "
                + "p99 < 10 ms: > 15,000 /s; met: no ("), verdict);
        assertTrue(onFx(() -> view.loadVerdict.isVisible() && view.loadVerdict.getStyleClass().contains("bench-slower")),
                "a missed target is red");
        assertFalse(onFx(() -> view.failures.isVisible()), "a run with no failure lists none");
        assertEquals(List.of(), failureTexts(view));

        // The met column says each verdict in its colour: yes green, no red, not sure amber.
        List<TableRows.Target> targets = onFx(() -> List.copyOf(view.targets.getItems()));
        TableRows.Target weighted = targets.stream().filter(t -> t.what().equals("selection over 10,000 bids, weighted"))
                .findFirst().orElseThrow();
        assertEquals(Checks.Verdict.MISSED, weighted.verdict());
        assertTrue(weighted.met().startsWith("no (upper bound"), weighted.met());
        List<String> unsure = styled(view, "bench-unsure");
        assertTrue(unsure.stream().anyMatch(t -> t.startsWith("not sure (upper bound")), unsure.toString());
        assertTrue(styled(view, "bench-slower").stream().allMatch(t -> t.startsWith("no ")), styled(view, "bench-slower").toString());
        assertTrue(styled(view, "bench-faster").stream().allMatch(t -> t.startsWith("yes")), styled(view, "bench-faster").toString());
        assertFalse(styled(view, "bench-faster").isEmpty(), "met targets are green");
    }

    /** The texts of the targets table's cells with {@code style}. */
    private static List<String> styled(BenchView view, String style) throws Exception {
        return onFx(() -> view.targets.lookupAll("." + style).stream()
                .filter(n -> n instanceof TableCell<?, ?> c && c.getText() != null)
                .map(n -> ((TableCell<?, ?>) n).getText()).toList());
    }

    @Test
    void aRunsFailedBenchmarksAreListedAtTheTopWithStepBenchmarkAndWhy() throws Exception {
        BenchView view = openLoaded(withFailures(FAILURES));
        assertTrue(onFx(() -> view.failures.isVisible() && view.failures.isManaged()));
        assertEquals(List.of("2 benchmarks of this run failed (every other result is complete):",
                "step", "benchmark", "why",
                "roundtrip-shell", "RoundTripBenchmark.auction mesh=shell peers=10",
                "java.io.IOException: nc: bind: Address already in use (Device_6, port 40133)",
                "open-loop", "OpenLoop, 10 peers", "java.lang.IllegalStateException: a peer did not answer"),
                failureTexts(view));
        // Above the tables, and the other results still shown.
        double failuresY = onFx(() -> view.failures.localToScene(0, 0).getY());
        double tablesY = onFx(() -> view.targets.localToScene(0, 0).getY());
        assertTrue(failuresY < tablesY, "at the top: " + failuresY + " above " + tablesY);
        assertTrue(onFx(() -> view.failures.getHeight()) > 40, "laid out, not squeezed away");
        assertFalse(onFx(() -> view.benchmarks.getItems().isEmpty()));
        assertEquals(4, (int) onFx(() -> view.load.getItems().size()));
    }

    @Test
    void aLiveRunThatEndsWithFailedStepsListsThemAndSaysSo() throws Exception {
        BenchResults ran = SummaryFile.read(withFailures(FAILURES.subList(0, 1)));
        BenchWindow w = open((request, listener) -> {
            listener.progress(0.5, "roundtrip-shell");
            return ran;
        }, dir.resolve("out"));
        BenchView view = (BenchView) w.controller().view();
        assertFalse(onFx(() -> view.failures.isVisible()), "nothing before the run");
        robot.clickOn("#bench-run");
        await("the run ends", () -> onFx(() -> !w.controller().running() && w.controller().comparison() != null));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(onFx(() -> view.failures.isVisible()));
        assertTrue(failureTexts(view).contains("RoundTripBenchmark.auction mesh=shell peers=10"), failureTexts(view).toString());
        assertTrue(onFx(() -> w.controller().statusText()).matches("ran the quick suite in .*, 1 benchmark failed "
                + "\\(listed above\\); results in .*"), onFx(() -> w.controller().statusText()));
        assertTrue(onFx(() -> robot.lookup("#bench-progress-text").queryAs(Label.class).getText())
                .endsWith("1 benchmark failed (listed above)"));

        // Opening a run with no failure afterwards clears the list.
        w.controller().load(kept("2026-12-01-full")).get(30, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(onFx(() -> view.failures.isVisible()));
    }

    @Test
    void anOlderSuitesSummaryStillOpensWithItsOneRunPerRate() throws Exception {
        BenchView view = openLoaded(kept("2026-11-28-full"));
        List<TableRows.Load> rows = onFx(() -> List.copyOf(view.load.getItems()));
        assertFalse(rows.isEmpty());
        assertTrue(rows.stream().allMatch(r -> r.roundTrip().equals(TableRows.AUCTION) && r.runs().equals("1")), rows.toString());
        assertEquals(new TableRows.Load(TableRows.AUCTION, "1,000", "1", "5,000", "0", "0.69", "7.39", "yes", ""), rows.get(0));
        assertTrue(onFx(() -> view.loadSummary.getText()).contains("one run per rate, auctions only"));
        assertFalse(onFx(() -> view.targets.getItems().isEmpty()));
        assertFalse(onFx(() -> view.failures.isVisible()));
    }

    @Test
    void theScaleRunOpensWithoutAnOpenLoop() throws Exception {
        BenchView view = openLoaded(kept("2026-12-01-scale"));
        assertTrue(onFx(() -> view.load.getItems().isEmpty()));
        assertEquals("The open-loop load generator did not run in this suite.", onFx(() -> view.loadSummary.getText()));
        assertFalse(onFx(() -> view.loadVerdict.isVisible()));
        assertTrue(onFx(() -> view.targets.getItems().stream().anyMatch(t -> t.verdict() == Checks.Verdict.MISSED)));
    }

    @Test
    void aBusyMachinesAndASmokeRunsTargetsAreNotJudgedAndSaySo() throws Exception {
        String json = Files.readString(kept("2026-12-01-full").resolve(SummaryFile.NAME));
        Path busy = Files.createDirectories(dir.resolve("busy"));
        // Other work took 1.9 of the 2 cores around every step and every open-loop rate.
        Files.writeString(busy.resolve(SummaryFile.NAME), json.replaceAll("\"othersBefore\" : [0-9.]+",
                "\"othersBefore\" : 1.9"));
        BenchView view = openLoaded(busy);
        assertTrue(onFx(() -> view.loadVerdict.getText()).contains("met: not judged: machine busy ("),
                onFx(() -> view.loadVerdict.getText()));
        assertTrue(onFx(() -> view.loadVerdict.getStyleClass().contains("bench-same")), "muted, neither green nor red");
        List<TableRows.Target> targets = onFx(() -> List.copyOf(view.targets.getItems()));
        assertTrue(targets.stream().filter(t -> !t.goal().isBlank()).allMatch(t -> t.verdict() == Checks.Verdict.BUSY
                && t.met().startsWith("not judged: machine busy")), targets.toString());
        assertTrue(styled(view, "bench-slower").isEmpty() && styled(view, "bench-faster").isEmpty(), "nothing red or green");

        Path smoke = Files.createDirectories(dir.resolve("smoke"));
        Files.writeString(smoke.resolve(SummaryFile.NAME), json.replace("\"size\" : \"FULL\"", "\"size\" : \"SMOKE\""));
        BenchView smokeView = openLoaded(smoke);
        assertTrue(onFx(() -> smokeView.loadVerdict.getText()).endsWith("met: not judged (smoke run)"),
                onFx(() -> smokeView.loadVerdict.getText()));
        assertTrue(onFx(() -> smokeView.targets.getItems().stream().filter(t -> !t.goal().isBlank())
                .allMatch(t -> t.verdict() == Checks.Verdict.SMOKE)));
    }

    @Test
    void inASmallWindowThePlotsLegendsStayInsideTheirPlotsAndThePlotsScroll() throws Exception {
        BenchWindow w = open((r, l) -> { throw new AssertionError("nothing runs"); }, kept("2026-12-01-full"));
        w.controller().loadEarlier(kept("2026-11-28-full")).get(30, TimeUnit.SECONDS);
        BenchView view = (BenchView) w.controller().view();
        await("both runs are loaded", () -> onFx(() -> w.controller().model.earlier.get() != null
                && w.controller().model.current.get() != null && view.latency().chart() != null));
        robot.interact(() -> {
            w.stage().setWidth(1280);
            w.stage().setHeight(720);
        });
        WaitForAsyncUtils.waitForFxEvents();
        for (LogChart chart : List.of(view.versus(), view.latency(), view.selection())) {
            // Both runs' series: the legend wraps over lines in the narrow pane.
            double inside = onFx(() -> chart.getHeight());
            double bottom = onFx(() -> chart.getChildrenUnmodifiable().stream()
                    .mapToDouble(n -> n.getBoundsInParent().getMaxY()).max().orElse(0));
            assertTrue(bottom <= inside + 1, "the legend of a plot ends at " + bottom + ", below its plot's " + inside
                    + ": it would run into the next plot");
        }
    }

    @Test
    void everyVerdictHasItsOwnLook() {
        assertEquals("bench-faster", TableRows.style(Checks.Verdict.MET));
        assertEquals("bench-slower", TableRows.style(Checks.Verdict.MISSED));
        assertEquals("bench-unsure", TableRows.style(Checks.Verdict.NOT_SURE));
        assertEquals("bench-same", TableRows.style(Checks.Verdict.BUSY));
        assertEquals("bench-same", TableRows.style(Checks.Verdict.SMOKE));
        assertEquals(null, TableRows.style(Checks.Verdict.NONE));
    }
}
