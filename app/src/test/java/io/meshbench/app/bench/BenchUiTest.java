package io.meshbench.app.bench;

import io.meshbench.app.FxViews;
import io.meshbench.bench.suite.BenchResults;
import io.meshbench.bench.suite.Comparison;
import io.meshbench.bench.suite.SummaryFile;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.meshbench.app.FxViews.onFx;
import static io.meshbench.app.FxViews.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Benchmarks window, headless on Monocle: it opens on a real run's results compared with an earlier
 * run's, with tables, highlighted changes and plots; Run goes through progress to results (the suite
 * replaced by a runner that hands back a real run's results: no JMH here); a bad folder shows its error.
 */
class BenchUiTest {

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

    private BenchWindow open(BenchController.SuiteRunner runner, Path out, Path earlier) throws Exception {
        BenchController controller = new BenchController(runner, javafx.application.Platform::runLater, () -> { });
        BenchWindow window = onFx(() -> BenchWindow.open(controller, out, earlier));
        opened.add(window);
        return window;
    }

    private static BenchView view(BenchWindow w) {
        return (BenchView) w.controller().view();
    }

    @Test
    void opensOnResultsComparedWithAnEarlierRunWithTablesHighlightsAndPlots() throws Exception {
        BenchWindow w = open((r, l) -> { throw new AssertionError("nothing runs"); }, Fixtures.after(), Fixtures.before());
        BenchView view = view(w);
        await("both runs are loaded", () -> onFx(() -> w.controller().model.earlier.get() != null
                && w.controller().model.current.get() != null));
        assertTrue(onFx(() -> view.targets.getItems().stream().anyMatch(t ->
                t.what().equals("selection over 10,000 bids, npu-first") && t.now().equals("212.5 µs")
                        && t.earlier().equals("6478.9 µs"))), "the target in both runs");
        assertTrue(onFx(() -> view.benchmarks.getItems().size()) >= 48);
        String results = onFx(() -> robot.lookup("#bench-results").queryAs(Label.class).getText());
        assertTrue(results.startsWith(Fixtures.after() + "  ·  quick suite · 48 rows · 2 cores"), results);
        String notes = onFx(() -> robot.lookup("#bench-notes").queryAs(Label.class).getText());
        assertTrue(notes.matches("(?s)\\d+ better \\(faster, higher or less memory\\), \\d+ worse, \\d+ the same.*busier during the earlier run.*"), notes);

        // The change column is drawn green where faster, red where slower.
        robot.interact(() -> view.benchmarks.scrollTo(view.benchmarks.getItems().stream()
                .filter(b -> b.params().equals("bids=10000, strategy=npu-first")).findFirst().orElseThrow()));
        WaitForAsyncUtils.waitForFxEvents();
        List<String> faster = onFx(() -> robot.lookup(".bench-faster").queryAll().stream()
                .filter(n -> n instanceof TableCell<?, ?> cell && cell.getText() != null && cell.getText().endsWith("faster"))
                .map(n -> ((TableCell<?, ?>) n).getText()).toList());
        assertFalse(faster.isEmpty(), "highlighted changes");
        assertTrue(onFx(() -> robot.lookup(".bench-slower").queryAll().stream().anyMatch(n -> n instanceof TableCell<?, ?>)),
                "slower ones too, in this pair of runs");

        assertNotNull(onFx(() -> view.latency().chart()), "latency by peer count");
        assertNotNull(onFx(() -> view.selection().chart()), "selection by bid count");
        assertEquals(2, (int) onFx(() -> view.versus().chart().getData().size()), "this run and the earlier one");
        assertEquals(8, (int) onFx(() -> view.selection().chart().getData().size()), "4 strategies, both runs");
        assertEquals("", onFx(() -> w.controller().errorText()));
    }

    @Test
    void aSmokeRunsResultsAreNotFlaggedAsMissedTargetsAndEveryRowHasATooltip(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        Path smoke = dir.resolve("smoke");
        java.nio.file.Files.createDirectories(smoke);
        java.nio.file.Files.writeString(smoke.resolve("summary.json"), java.nio.file.Files
                .readString(Fixtures.after().resolve("summary.json")).replace("\"size\" : \"QUICK\"", "\"size\" : \"SMOKE\""));
        BenchWindow w = open((r, l) -> { throw new AssertionError("nothing runs"); }, smoke, null);
        BenchView view = view(w);
        await("the run is loaded", () -> onFx(() -> !view.targets.getItems().isEmpty()));
        assertTrue(onFx(() -> view.targets.getItems().stream().noneMatch(t -> t.met().equals("no"))),
                "a smoke run (each benchmark once) is no verdict on a target");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(onFx(() -> robot.lookup(".bench-slower").queryAll().stream()
                .noneMatch(n -> n instanceof TableCell<?, ?> c && c.getTableView() == view.targets)), "nothing red");
        List<String> tips = onFx(() -> view.benchmarks.lookupAll(".table-row-cell").stream()
                .map(n -> ((javafx.scene.control.TableRow<?>) n).getTooltip())
                .filter(java.util.Objects::nonNull).map(javafx.scene.control.Tooltip::getText).toList());
        assertFalse(tips.isEmpty(), "benchmark rows have tooltips");
        assertTrue(tips.stream().allMatch(t -> t.contains("parameters:") || !t.isBlank()), tips.toString());
        String header = onFx(() -> view.targets.getColumns().stream().map(c -> c.getText()).toList().toString());
        assertFalse(header.contains("seed"), "words a user understands: " + header);
    }

    @Test
    void runShowsProgressThenTheResults() throws Exception {
        BenchResults after = SummaryFile.read(Fixtures.after());
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        BenchWindow w = open((request, listener) -> {
            listener.progress(0.4, "SelectionBenchmark.select bids=1000 strategy=weighted");
            release.await(30, TimeUnit.SECONDS);
            return after;
        }, dir.resolve("out"), null);
        robot.clickOn("#bench-run");
        await("progress shows", () -> onFx(() -> robot.lookup("#bench-progress-text").queryAs(Label.class).getText()
                .startsWith("40% · SelectionBenchmark.select bids=1000 strategy=weighted")));
        assertFalse(onFx(() -> robot.lookup("#bench-cancel").queryButton().isDisabled()));
        assertTrue(onFx(() -> robot.lookup("#bench-run").queryButton().isDisabled()));
        release.countDown();
        await("the run ends", () -> onFx(() -> !w.controller().running()));
        assertTrue(onFx(() -> w.controller().statusText()).startsWith("ran the quick suite in"));
        assertTrue(onFx(() -> view(w).targets.getItems().size()) >= 8);
        assertTrue(onFx(() -> w.controller().comparison().lines().stream()
                .allMatch(l -> l.verdict() == Comparison.Verdict.ONLY_LATER)));
    }

    @Test
    void anUnreadableEarlierFolderIsShownInThePanel() throws Exception {
        BenchWindow w = open((r, l) -> null, Fixtures.after(), dir);
        await("the error shows", () -> !onFx(() -> robot.lookup("#bench-error").queryAs(Label.class).getText()).isEmpty());
        String error = onFx(() -> robot.lookup("#bench-error").queryAs(Label.class).getText());
        assertEquals("the earlier results cannot be opened: " + dir + " holds no summary.json: give the folder a bench "
                + "run wrote (its --out), with jmh.json, summary.json and report.html in it", error);
        assertTrue(onFx(() -> robot.lookup("#bench-error").queryAs(Label.class).isVisible()));
    }
}
