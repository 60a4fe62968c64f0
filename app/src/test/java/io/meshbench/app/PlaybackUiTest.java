package io.meshbench.app;

import io.meshbench.app.views.Speed;
import io.meshbench.app.replay.ReplayWindow;
import io.meshbench.app.scenario.ScenarioWindow;
import io.meshbench.app.sequence.Arrow;
import io.meshbench.event.EventBus;
import io.meshbench.event.MeshEvent;
import io.meshbench.plugin.PluginRegistry;
import io.meshbench.record.RecordingReader;
import io.meshbench.record.RecordingWriter;
import io.meshbench.scenario.Scenario;
import io.meshbench.scenario.ScenarioReader;
import io.meshbench.scenario.ScenarioRunner;
import javafx.scene.control.Button;
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
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import static io.meshbench.app.FxViews.onFx;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Scenario and replay windows driven headless by TestFX on Monocle: a shipped scenario runs in the
 * window and its auctions appear; a recording is stepped and sought through with the views following.
 */
class PlaybackUiTest {

    private static final FxRobot robot = new FxRobot();
    private static final Path SCENARIOS = Path.of(System.getProperty("meshbench.root", "..")).resolve("scenarios");
    private final List<javafx.stage.Stage> opened = new ArrayList<>();

    @TempDir
    Path dir;

    @BeforeAll
    static void toolkit() throws Exception {
        FxViews.toolkit();
    }

    @AfterEach
    void closeWindows() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> opened.forEach(javafx.stage.Stage::close)).get(FxViews.FX_WAIT_SECONDS, TimeUnit.SECONDS);
    }

    private static void await(String what, Callable<Boolean> condition) throws Exception {
        FxViews.await(what, 60, condition);
    }

    private ScenarioWindow openScenario(Path file) throws Exception {
        ScenarioWindow window = onFx(() -> ScenarioWindow.open(file));
        opened.add(window.stage());
        return window;
    }

    private ReplayWindow openRecording(Path file) throws Exception {
        var recording = RecordingReader.read(file);
        ReplayWindow window = onFx(() -> ReplayWindow.open(recording));
        opened.add(window.stage());
        return window;
    }

    @Test
    void aShippedScenarioRunsInTheWindowPausesAndEndsWithItsExpectations() throws Exception {
        ScenarioWindow window = openScenario(SCENARIOS.resolve("seed.yaml"));
        Path recorded = dir.resolve("window.jsonl");
        robot.interact(() -> {
            window.setSpeed(Speed.REAL_TIME); // slow enough to pause before the end
            try {
                window.recordTo(recorded);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        robot.clickOn("#scenario-run");
        await("the first auction appears", () -> onFx(() -> !window.views().auctions().auctions().isEmpty()));
        robot.clickOn("#scenario-run");
        await("the run is paused", () -> onFx(() -> window.stateText().equals("paused")));
        assertTrue(window.session().paused());
        assertEquals("▶ Resume", onFx(() -> robot.lookup("#scenario-run").queryAs(Button.class).getText()));

        robot.interact(() -> window.setSpeed(Speed.AS_FAST_AS_POSSIBLE));
        robot.clickOn("#scenario-run");
        await("the run ends", () -> onFx(() -> window.stateText().startsWith("finished")));
        assertEquals("finished: PASSED", window.stateText());
        String summary = onFx(window::summaryText);
        assertTrue(summary.contains("✓ all_tasks_complete"), summary);
        assertTrue(summary.contains("✓ npu_share_at_least"), summary);
        // The run's end can reach the window before the views have taken its last events: wait for them.
        await("every auction reached the views, completed", () -> onFx(() -> window.views().auctions().auctions().size()
                == window.session().outcome().get().tally().opened()
                && window.views().auctions().auctions().stream().allMatch(a -> a.state().equals("COMPLETED"))));
        assertTrue(onFx(() -> window.views().auctions().auctions().stream()
                .allMatch(a -> a.winner().equals("Device_B"))), "NPU first, every time");
        assertFalse(onFx(() -> window.views().sequence().visibleArrows().isEmpty()), "the sequence chart has the messages");
        var recording = RecordingReader.read(recorded);
        assertEquals("scenario open", recording.header().metadata().get("command"));
        assertEquals(3, recording.events().stream().filter(e -> e instanceof MeshEvent.NodeStarted).count(),
                "from its very first events");
        assertEquals(window.session().outcome().get().tally().completed(),
                recording.events().stream().filter(e -> e instanceof MeshEvent.TaskCompleted).count(),
                "the window's run, recorded whole");
    }

    @Test
    void scenarioAndReplayWindowsSayHowTheirAuctionsStartAnswerCtrlQAndF1AndOpenAFileOnce() throws Exception {
        ScenarioWindow window = onFx(() -> io.meshbench.app.playback.PlaybackWindows.openScenario(SCENARIOS.resolve("seed.yaml")));
        opened.add(window.stage());
        ScenarioWindow again = onFx(() -> io.meshbench.app.playback.PlaybackWindows.openScenario(
                SCENARIOS.resolve("../scenarios/seed.yaml")));
        assertTrue(window == again, "File ▸ Open on a file already open brings its window to the front");
        String hint = onFx(() -> ((javafx.scene.control.Label) ((javafx.scene.control.TableView<?>) window.stage().getScene()
                .lookup("#auctions-table")).getPlaceholder()).getText());
        assertFalse(hint.contains("console"), "a scenario window has no console: " + hint);
        assertTrue(hint.contains("Run"), hint);
        List<String> keys = onFx(() -> window.shell().keys());
        for (String key : List.of("Ctrl+Q", "F1", "Ctrl+Space", "Ctrl+O", "Ctrl+W", "Ctrl+E")) {
            assertTrue(keys.stream().anyMatch(k -> k.startsWith(key + "  ")), key + " in " + keys);
        }
        assertTrue(onFx(() -> window.stage().getScene().getAccelerators().keySet().stream()
                .anyMatch(k -> k.getDisplayText().equals("F1"))), "F1 answers in the scenario window");

        ReplayWindow replay = openRecording(record());
        String replayHint = onFx(() -> ((javafx.scene.control.Label) ((javafx.scene.control.TableView<?>) replay.stage()
                .getScene().lookup("#auctions-table")).getPlaceholder()).getText());
        assertFalse(replayHint.contains("console"), replayHint);
        List<String> replayKeys = onFx(() -> replay.shell().keys());
        assertTrue(replayKeys.stream().anyMatch(k -> k.startsWith("Ctrl+Q  ")), replayKeys.toString());
        assertTrue(replayKeys.stream().anyMatch(k -> k.startsWith("F1  ")), replayKeys.toString());
    }

    @Test
    void scenarioAndReplayWindowsCutNothingShortAt1280By720() throws Exception {
        ScenarioWindow window = openScenario(SCENARIOS.resolve("seed.yaml"));
        ReplayWindow replay = openRecording(record());
        for (javafx.stage.Stage stage : List.of(window.stage(), replay.stage())) {
            robot.interact(() -> {
                stage.setWidth(1280);
                stage.setHeight(720);
            });
            WaitForAsyncUtils.waitForFxEvents(5);
            List<String> cut = onFx(() -> FxViews.truncated(stage.getScene().getRoot()));
            assertTrue(cut.isEmpty(), stage.getTitle() + ", cut short at 1280×720: " + cut);
        }
    }

    @Test
    void aFinishedScenarioRunsAgainFromTheStart() throws Exception {
        ScenarioWindow window = openScenario(SCENARIOS.resolve("seed.yaml"));
        robot.interact(() -> window.setSpeed(Speed.AS_FAST_AS_POSSIBLE));
        robot.clickOn("#scenario-run");
        await("the run ends", () -> onFx(() -> window.stateText().startsWith("finished")));
        long first = window.session().outcome().get().tally().opened();
        await("every auction reached the views", () -> onFx(() -> window.views().auctions().auctions().size() == first));
        assertEquals("↻ Run again", onFx(() -> robot.lookup("#scenario-run").queryAs(Button.class).getText()));
        assertFalse(onFx(() -> robot.lookup("#scenario-run").queryAs(Button.class).isDisabled()));
        robot.clickOn("#scenario-run");
        await("the second run ends", () -> onFx(() -> window.session().outcome().isDone()
                && window.stateText().startsWith("finished")));
        assertEquals("finished: PASSED", window.stateText());
        long second = window.session().outcome().get().tally().opened();
        assertEquals(first, second, "the same file and seed: the same auctions");
        await("the views show the second run alone", () -> onFx(() -> window.views().auctions().auctions().size() == second));
    }

    @Test
    void aBadScenarioFileShowsWhereAndWhatIsWrongNotAStackTrace() throws Exception {
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, Files.readString(SCENARIOS.resolve("seed.yaml")).replace("  rate: 12/m", "  rat: 12/m"));
        ScenarioWindow window = openScenario(bad);
        String error = onFx(window::errorText);
        assertTrue(error.startsWith(bad + ":"), error);
        assertTrue(error.matches("(?s).*:\\d+:\\d+: workload\\.rat: unknown field.*"), error);
        assertFalse(error.contains("Exception") || error.contains("\tat "), error);
        assertTrue(robot.lookup("#scenario-error").tryQuery().isPresent());
    }

    @Test
    void aLiveScenarioRunsOnRealTcpInWallClockTimeAndCannotPause() throws Exception {
        Path live = dir.resolve("live.yaml");
        Files.writeString(live, Files.readString(SCENARIOS.resolve("seed.yaml")).replace("mode: virtual", "mode: live")
                .replace("duration: 60s", "duration: 2s").replace("rate: 12/m", "rate: 2/s")
                .replace("p95_latency_below: 5s", "p95_latency_below: 10s"));
        ScenarioWindow window = openScenario(live);
        assertFalse(window.session().pausable());
        robot.clickOn("#scenario-run");
        await("a live auction appears", () -> onFx(() -> !window.views().auctions().auctions().isEmpty()));
        assertTrue(onFx(() -> robot.lookup("#scenario-run").queryAs(Button.class).isDisabled()), "a live run cannot pause");
        await("the live run ends", () -> onFx(() -> window.stateText().startsWith("finished")));
        assertEquals("finished: PASSED", window.stateText(), onFx(window::summaryText));
        assertTrue(onFx(() -> window.views().auctions().auctions().stream()
                .anyMatch(a -> a.state().equals("COMPLETED") && a.winner().equals("Device_B"))));
    }

    @Test
    void theFileMenusOpenRecordingReadsOffTheUiThreadAndSaysWhatIsWrongWithABadFile() throws Exception {
        Path good = record();
        ReplayWindow window = io.meshbench.app.playback.PlaybackWindows.openRecording(good).get(30, TimeUnit.SECONDS);
        opened.add(window.stage());
        assertEquals(RecordingReader.read(good).events().size(), window.timeline().size());

        Path notOne = dir.resolve("notes.jsonl");
        Files.writeString(notOne, "hello\n");
        assertEquals(null, io.meshbench.app.playback.PlaybackWindows.openRecording(notOne).get(30, TimeUnit.SECONDS));
        javafx.scene.control.DialogPane alert = onFx(() -> javafx.stage.Window.getWindows().stream()
                .map(javafx.stage.Window::getScene).filter(java.util.Objects::nonNull).map(javafx.scene.Scene::getRoot)
                .filter(javafx.scene.control.DialogPane.class::isInstance).map(javafx.scene.control.DialogPane.class::cast)
                .findFirst().orElseThrow());
        assertTrue(alert.getContentText().startsWith(notOne + ":1: not a MeshBench recording"), alert.getContentText());
        opened.add((javafx.stage.Stage) alert.getScene().getWindow());
    }

    /** The seed scenario, run headless, recorded to a file. */
    private Path record() throws Exception {
        Scenario scenario = ScenarioReader.read(SCENARIOS.resolve("seed.yaml"));
        Path file = dir.resolve("seed.jsonl");
        EventBus bus = new EventBus();
        try (RecordingWriter writer = RecordingWriter.open(file, Map.of("command", "test"), 1000)) {
            bus.subscribe(writer);
            new ScenarioRunner(scenario, PluginRegistry.fromClassPath(), bus, ScenarioRunner.Options.of(scenario)).run(p -> { });
        }
        return file;
    }

    @Test
    void aRecordingStepsMessageByMessageSeeksAndPlaysWithEveryViewFollowing() throws Exception {
        Path file = record();
        List<MeshEvent> events = RecordingReader.read(file).events();
        long auctions = events.stream().filter(e -> e instanceof MeshEvent.AuctionOpened).count();
        ReplayWindow window = openRecording(file);
        assertEquals(0, onFx(() -> window.views().sequence().visibleArrows().size()));

        for (int step = 1; step <= 5; step++) {
            robot.clickOn("#replay-step");
            int n = step;
            assertEquals(n, onFx(() -> window.views().sequence().visibleArrows().size()), "one arrow per step");
        }
        Arrow fifth = onFx(() -> window.views().sequence().visibleArrows().getLast());
        robot.clickOn("#replay-back");
        assertEquals(4, onFx(() -> window.views().sequence().visibleArrows().size()), "a step back takes the arrow away");
        assertFalse(onFx(() -> window.views().sequence().visibleArrows().contains(fifth)));
        assertEquals(1, window.rebuilds());

        robot.clickOn("#replay-end");
        assertEquals(auctions, onFx(() -> (long) window.views().auctions().auctions().size()));
        assertTrue(onFx(() -> window.positionText().startsWith("event " + String.format("%,d", events.size()))));
        robot.interact(() -> window.seek(events.size() / 2));
        long half = onFx(() -> (long) window.views().auctions().auctions().size());
        assertTrue(half > 0 && half < auctions, "half way through, " + half + " of " + auctions + " auctions had begun");
        assertEquals(2, window.rebuilds());

        robot.interact(() -> robot.lookup("#replay-slider").queryAs(javafx.scene.control.Slider.class).setValue(0.25));
        await("the slider seeks", () -> onFx(() -> window.timeline().fraction() > 0.2 && window.timeline().fraction() < 0.3));
        long quarter = onFx(() -> (long) window.views().auctions().auctions().size());
        assertTrue(quarter > 0 && quarter < half, quarter + " auctions a quarter of the way");

        robot.interact(() -> window.setSpeed(Speed.AS_FAST_AS_POSSIBLE));
        robot.clickOn("#replay-play");
        await("the replay plays to the end", () -> onFx(() -> window.timeline().atEnd()));
        assertEquals(auctions, onFx(() -> (long) window.views().auctions().auctions().size()));
        assertTrue(onFx(() -> window.views().auctions().auctions().stream().allMatch(a -> a.state().equals("COMPLETED"))));
    }

    @Test
    void aTruncatedRecordingOpensUpToItsLastWholeEventWithANotice() throws Exception {
        Path file = record();
        String text = Files.readString(file);
        Path cut = dir.resolve("cut.jsonl");
        Files.writeString(cut, text.substring(0, text.length() - 40));
        int whole = RecordingReader.read(file).events().size() - 1;
        ReplayWindow window = openRecording(cut);
        assertEquals(whole, window.timeline().size());
        assertTrue(onFx(window::noticeText).contains("cut short"), onFx(window::noticeText));
        robot.clickOn("#replay-end");
        assertTrue(onFx(() -> window.timeline().atEnd()));
    }
}
