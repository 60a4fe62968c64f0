package io.meshbench.app;

import io.meshbench.cli.window.WorkbenchSettings;
import io.meshbench.app.auctions.AuctionSummary;
import io.meshbench.app.graph.DeviceSnapshot;
import io.meshbench.live.MeshSession;
import io.meshbench.app.sequence.Arrow;
import io.meshbench.app.live.Workbench;
import io.meshbench.auction.Orchestrator;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The real window on a real simulated mesh (three nodes on loopback TCP), driven headless by
 * TestFX on Monocle: no screen needed.
 */
class WorkbenchUiTest {

    private static final FxRobot robot = new FxRobot();
    private static WorkbenchApp app;
    private static MeshSession session;

    @BeforeAll
    static void openTheWindow() throws Exception {
        FxToolkit.registerPrimaryStage();
        WorkbenchSettings settings = new WorkbenchSettings(null, "Device_A", 0, 0, 1, 0,
                new Orchestrator.Settings(Duration.ofSeconds(2), Duration.ofSeconds(30)), "npu-first");
        session = WorkbenchLauncher.startMesh(settings);
        app = (WorkbenchApp) FxToolkit.setupApplication(() -> new WorkbenchApp(session, settings));
    }

    @AfterAll
    static void closeTheWindow() throws Exception {
        FxToolkit.cleanupApplication(app);
    }

    private static <T> T onFx(Function<Workbench, T> query) throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> query.apply(app.workbench())).get(FxViews.FX_WAIT_SECONDS, TimeUnit.SECONDS);
    }

    private static void await(String what, Callable<Boolean> condition) throws Exception {
        FxViews.await(what, 20, condition);
    }

    @Test
    void opensOnTheSimulatedMeshWithItsThreeDevices() throws Exception {
        List<DeviceSnapshot> devices = onFx(w -> w.graph().devices());
        assertEquals(List.of("Device_A", "Device_B", "Device_C"), devices.stream().map(DeviceSnapshot::id).toList());
        assertTrue(devices.get(0).orchestrator());
        assertEquals(Boolean.TRUE, devices.get(1).hasNpu());
        assertEquals(Boolean.FALSE, devices.get(2).hasNpu());
        TableView<?> table = robot.lookup("#devices-table").queryAs(TableView.class);
        assertEquals(3, table.getItems().size());
        await("the devices' metrics arrive", () -> onFx(w -> w.graph().devices().get(1).cpuLoad() >= 0));
    }

    @Test
    void aPromptTypedInTheConsoleEndsAsAnAuctionWithAWinnerAndAResult() throws Exception {
        robot.clickOn("#prompt").write("Describe a beautiful sunset over the ocean").type(KeyCode.ENTER);
        await("the auction completes", () -> onFx(w -> w.auctions().auctions().stream()
                .anyMatch(a -> a.prompt().startsWith("Describe a beautiful sunset") && a.state().equals("COMPLETED"))));
        AuctionSummary auction = onFx(w -> w.auctions().auctions().stream()
                .filter(a -> a.prompt().startsWith("Describe a beautiful sunset")).findFirst().orElseThrow());
        assertEquals("Device_B", auction.winner(), "NPU first");
        assertTrue(auction.output().startsWith("[simulated]"), auction.output());
        assertEquals(2, auction.bids());
        await("the console shows the result", () -> onFx(w -> w.console().entries().stream()
                .anyMatch(e -> e.startsWith(auction.taskId()) && e.contains("✓ Device_B"))));

        // The answer itself is readable in the console, not cut to its first line with "…".
        await("the console's entry shows the whole answer", () -> onFx(w -> {
            javafx.scene.control.Label body = answerBody(auction.output());
            if (body == null) {
                return false;
            }
            javafx.scene.text.Text shown = (javafx.scene.text.Text) body.lookup(".text");
            return shown != null && shown.getText().equals(body.getText());
        }));

        await("the sequence chart has the auction's arrows", () -> onFx(w -> types(w, auction.taskId())
                .containsAll(Set.of("BID_REQUEST", "BID_RESPONSE", "TASK", "RESULT"))));
        List<Arrow> arrows = onFx(w -> w.sequence().visibleArrows().stream()
                .filter(a -> auction.taskId().equals(a.taskId())).toList());
        assertEquals(6, arrows.size(), "two bid requests, two bids, the task and the result");
        await("the mesh control list marks each link", () -> onFx(w -> w.control().link("Device_B").equals("TLS")
                && w.control().link("Device_C").equals("TLS")));
    }

    private static javafx.scene.control.Label answerBody(String output) {
        for (javafx.scene.Node n : robot.lookup("#console-answers").queryAs(javafx.scene.control.ListView.class)
                .lookupAll(".answer-body")) {
            if (n instanceof javafx.scene.control.Label l && l.getText() != null && l.getText().contains(output)) {
                return l;
            }
        }
        return null;
    }

    @Test
    void aDeviceAddedWithCtrlNShowsWhetherItHasAnNpuBeforeItsFirstBid() throws Exception {
        int before = onFx(w -> w.graph().devices().size());
        robot.press(KeyCode.CONTROL, KeyCode.N).release(KeyCode.N, KeyCode.CONTROL);
        await("a device is added", () -> onFx(w -> w.graph().devices().size() > before));
        DeviceSnapshot added = onFx(w -> w.graph().devices().get(w.graph().devices().size() - 1));
        assertTrue(added.hasNpu() != null, "the graph knows " + added.id() + "'s NPU from its profile, not \"?\"");
        robot.interact(() -> app.workbench().control().select(added.id()));
        await("the buttons are enabled again", () -> onFx(w -> !robot.lookup("#remove").queryButton().isDisabled()));
        robot.clickOn("#remove");
        await("the added device is removed", () -> onFx(w -> w.graph().devices().size() == before));
    }

    private static Set<String> types(Workbench w, String taskId) {
        return w.sequence().visibleArrows().stream().filter(a -> taskId.equals(a.taskId())).map(Arrow::type)
                .collect(Collectors.toSet());
    }

    @Test
    void killingANodeGreysItOutAndRevivingBringsItBack() throws Exception {
        robot.interact(() -> app.workbench().control().select("Device_C"));
        javafx.geometry.Bounds reviveBefore = onFx(w -> reviveButtonBounds());
        robot.clickOn("#kill");
        await("Device_C is greyed", () -> onFx(w -> device(w, "Device_C").greyed()));
        assertEquals("killed", onFx(w -> w.control().state("Device_C").orElseThrow()));
        // the node is down before the kill's own task ends; its buttons come back with that
        await("the buttons are enabled again", () -> onFx(w -> !robot.lookup("#revive").queryButton().isDisabled()));
        // The kill's message and the status line's "(1 down)" must not move the buttons under the pointer
        // (the status line once set the content's minimum width: every pane moved when it changed, and
        // the click on Revive landed on Kill now and then).
        await("the status line counts Device_C down", () -> onFx(w -> statusLine().contains("(1 down)")));
        await("the kill's message is shown", () -> onFx(w -> w.control().messageProperty().get().startsWith("killed Device_C")));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(reviveBefore, onFx(w -> reviveButtonBounds()), "the Revive button stays where it was");
        robot.clickOn("#revive");
        try {
            await("Device_C is back", () -> onFx(w -> !device(w, "Device_C").greyed()));
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; the inspector shows:\n"
                    + onFx(w -> w.graph().inspect("Device_C").orElse("nothing")) + "the mesh control says: "
                    + onFx(w -> w.control().messageProperty().get()), e);
        }
        assertEquals("up", onFx(w -> w.control().state("Device_C").orElseThrow()));
    }

    @Test
    void f1ListsEveryShortcutOfTheWindowAndTheHelpMenuHasThemAndTheReadme() throws Exception {
        List<String> keys = onFx(w -> app.shell().keys());
        for (String expected : List.of("Ctrl+L", "Enter", "Ctrl+N", "Ctrl+K", "Ctrl+R", "Ctrl+Delete", "Ctrl+O",
                "Ctrl+Shift+O", "Ctrl+W", "Ctrl+Q", "F1", "Ctrl+P", "Ctrl+B", "Ctrl+E", "Ctrl+Shift+R")) {
            assertTrue(keys.stream().anyMatch(k -> k.startsWith(expected + "  ")), expected + " in " + keys);
        }
        // every accelerator of the window and of its menus is in the list
        List<String> accelerators = onFx(w -> {
            List<String> all = new java.util.ArrayList<>();
            robot.targetWindow(app.shell().stage());
            app.shell().stage().getScene().getAccelerators().keySet().forEach(k -> all.add(k.getDisplayText()));
            return all;
        });
        for (String a : accelerators) {
            String shown = a.replace("Shortcut", "Ctrl");
            assertTrue(keys.stream().anyMatch(k -> k.startsWith(shown + "  ")), shown + " listed by F1: " + keys);
        }
        robot.press(KeyCode.F1).release(KeyCode.F1);
        await("the list of keys opens", () -> onFx(w -> robot.lookup("#keys-list").tryQuery().isPresent()));
        String shown = onFx(w -> ((javafx.scene.control.TextArea) robot.lookup("#keys-list").query()).getText());
        assertTrue(shown.contains("Ctrl+Q") && shown.contains("Ctrl+P"), shown);
        robot.interact(() -> ((javafx.stage.Stage) robot.lookup("#keys-list").query().getScene().getWindow()).close());
        List<String> help = onFx(w -> menu("help-menu"));
        assertTrue(help.contains("Keyboard shortcuts"), help.toString());
        assertTrue(help.contains("Manual: The workbench window"), help.toString());
    }

    @Test
    void theLightThemeSitsBesideTheDarkOne() throws Exception {
        String dark = onFx(w -> javafx.application.Application.getUserAgentStylesheet());
        robot.interact(() -> io.meshbench.app.shell.Shell.setLightTheme(true));
        try {
            assertEquals(new atlantafx.base.theme.PrimerLight().getUserAgentStylesheet(),
                    onFx(w -> javafx.application.Application.getUserAgentStylesheet()));
            assertTrue((boolean) onFx(w -> app.shell().stage().getScene().getRoot().getStyleClass().contains("light")));
            List<String> view = onFx(w -> menu("view-menu"));
            assertTrue(view.contains("Light theme"), view.toString());
        } finally {
            robot.interact(() -> io.meshbench.app.shell.Shell.setLightTheme(false));
        }
        assertEquals(dark, onFx(w -> javafx.application.Application.getUserAgentStylesheet()));
        assertFalse((boolean) onFx(w -> app.shell().stage().getScene().getRoot().getStyleClass().contains("light")));
    }

    @Test
    void at1280By720NoLabelColumnOrButtonIsCutShort() throws Exception {
        javafx.stage.Stage stage = app.shell().stage();
        double w = onFx(x -> stage.getWidth());
        double h = onFx(x -> stage.getHeight());
        // an auction with its answer, so that the tables, the console and the status bar are full
        onFx(x -> {
            x.console().type("Describe a beautiful sunset over the ocean", null, null);
            x.console().submit();
            return null;
        });
        await("an answer", () -> onFx(x -> x.console().entries().getFirst().contains("✓")));
        robot.interact(() -> {
            stage.setWidth(1280);
            stage.setHeight(720);
        });
        try {
            WaitForAsyncUtils.waitForFxEvents(5);
            List<String> cut = onFx(x -> FxViews.truncated(stage.getScene().getRoot()));
            assertTrue(cut.isEmpty(), "cut short at 1280×720: " + cut);
        } finally {
            robot.interact(() -> {
                stage.setWidth(w);
                stage.setHeight(h);
            });
        }
    }

    private static List<String> menu(String id) {
        javafx.scene.control.MenuBar bar = (javafx.scene.control.MenuBar) app.shell().root().lookup(".menu-bar");
        return bar.getMenus().stream().filter(m -> id.equals(m.getId())).findFirst().orElseThrow().getItems()
                .stream().map(javafx.scene.control.MenuItem::getText).filter(java.util.Objects::nonNull).toList();
    }

    @Test
    void pausingFreezesTheViewsWhileTheMeshRunsOnAndResumingCatchesUp() throws Exception {
        robot.interact(() -> app.workbench().togglePause());
        assertTrue(onFx(Workbench::paused));
        int before = onFx(w -> w.auctions().auctions().size());
        onFx(w -> {
            w.console().type("Paused prompt", null, null);
            w.console().submit();
            return null;
        });
        await("the mesh finishes the auction while the views are paused", () -> onFx(w -> w.console().entries().stream()
                .anyMatch(e -> e.contains("✓"))
                && w.console().entries().getFirst().contains("✓")));
        assertEquals(before, (int) onFx(w -> w.auctions().auctions().size()), "the auctions view is frozen");
        assertTrue(onFx(Workbench::heldBack) > 0, "the events are held back");
        robot.interact(() -> app.workbench().togglePause());
        await("the views catch up", () -> onFx(w -> w.auctions().auctions().stream()
                .anyMatch(a -> a.prompt().equals("Paused prompt") && a.state().equals("COMPLETED"))));
        assertEquals(0L, onFx(Workbench::heldBack));
    }

    @Test
    void theLiveMeshIsRecordedAndItsAuctionsAndViewsExported(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path recording = dir.resolve("live.jsonl");
        robot.interact(() -> app.workbench().recordTo(recording));
        onFx(w -> {
            w.console().type("Recorded prompt", null, null);
            w.console().submit();
            return null;
        });
        await("the auction completes", () -> onFx(w -> w.auctions().auctions().stream()
                .anyMatch(a -> a.prompt().equals("Recorded prompt") && a.state().equals("COMPLETED"))));
        robot.interact(() -> app.workbench().stopRecording());
        var read = io.meshbench.record.RecordingReader.read(recording);
        assertTrue(read.events().stream().anyMatch(e -> e instanceof io.meshbench.event.MeshEvent.TaskCompleted),
                "the recording holds the auction's end");

        java.nio.file.Path csv = dir.resolve("auctions.csv");
        onFx(w -> {
            try {
                w.auctions().writeCsv(csv);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return null;
        });
        List<String> lines = java.nio.file.Files.readAllLines(csv);
        assertTrue(lines.get(0).startsWith("task_id,prompt,state,winner,bids"), lines.get(0));
        assertTrue(lines.stream().anyMatch(l -> l.contains(",Recorded prompt,COMPLETED,Device_B,2,")), lines.toString());

        java.nio.file.Path png = dir.resolve("mesh.png");
        onFx(w -> {
            try {
                io.meshbench.app.shell.Shell.savePng(w.panes().get("Mesh"), png);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return null;
        });
        byte[] bytes = java.nio.file.Files.readAllBytes(png);
        assertTrue(bytes.length > 1000 && bytes[1] == 'P' && bytes[2] == 'N' && bytes[3] == 'G', "a PNG picture");
        var image = javax.imageio.ImageIO.read(png.toFile());
        double width = onFx(w -> w.panes().get("Mesh").getLayoutBounds().getWidth());
        assertEquals(Math.round(width), image.getWidth(), 1.0);
    }

    @Test
    void theMeshControlsButtonsStayPutWhateverTheLengthOfItsMessage() throws Exception {
        javafx.stage.Stage stage = app.shell().stage();
        double w = onFx(x -> stage.getWidth());
        double h = onFx(x -> stage.getHeight());
        robot.interact(() -> { // the narrowest window, 800 px high: the panel's messages wrap there, with room to
            stage.setWidth(stage.getMinWidth());
            stage.setHeight(800);
        });
        try {
            // a short message first, whatever the tests before left: the strategy changed and changed back
            robot.interact(() -> strategyBox().setValue("lowest-cpu"));
            await("the strategy changes", () -> onFx(x -> x.control().messageProperty().get().equals("strategy is now lowest-cpu")));
            robot.interact(() -> strategyBox().setValue("npu-first"));
            await("the strategy is back", () -> onFx(x -> x.control().messageProperty().get().equals("strategy is now npu-first")));
            WaitForAsyncUtils.waitForFxEvents(5);
            javafx.geometry.Bounds before = onFx(x -> reviveButtonBounds());
            double oneLine = onFx(x -> robot.lookup(".control-message").queryAs(javafx.scene.control.Label.class).getHeight());
            // a running device cannot be revived: a long message
            robot.interact(() -> app.workbench().control().onRevive("Device_B"));
            await("the refusal is shown", () -> onFx(x -> x.control().messageProperty().get().startsWith("could not revive")));
            WaitForAsyncUtils.waitForFxEvents(5);
            double now = onFx(x -> robot.lookup(".control-message").queryAs(javafx.scene.control.Label.class).getHeight());
            assertTrue(now > oneLine + 5, "the message takes more lines than before: " + oneLine + " → " + now + " px");
            assertEquals(before, onFx(x -> reviveButtonBounds()), "Revive stays where it was under a longer message");
        } finally {
            robot.interact(() -> {
                stage.setWidth(w);
                stage.setHeight(h);
            });
            WaitForAsyncUtils.waitForFxEvents(5);
        }
    }

    @Test
    void atItsMinimumSizeTheWindowsContentFitsAndTheStatusLineWrapsInsteadOfWideningIt() throws Exception {
        javafx.stage.Stage stage = app.shell().stage();
        double w = onFx(x -> stage.getWidth());
        double h = onFx(x -> stage.getHeight());
        robot.interact(() -> {
            stage.setWidth(stage.getMinWidth());
            stage.setHeight(stage.getMinHeight());
        });
        try {
            WaitForAsyncUtils.waitForFxEvents(5);
            double width = onFx(x -> stage.getScene().getWidth());
            javafx.scene.Parent content = onFx(x -> app.workbench().root());
            double minimum = onFx(x -> content.minWidth(-1));
            assertTrue(minimum <= width, "the content needs " + minimum + " px of a " + width + " px window");
            javafx.scene.control.Label line = robot.lookup("#status-mesh").queryAs(javafx.scene.control.Label.class);
            assertTrue(onFx(x -> line.getText().length()) > 100, "a status line longer than the window: " + line.getText());
            double lineHeight = onFx(x -> line.getHeight());
            double fontSize = onFx(x -> line.getFont().getSize());
            assertTrue(lineHeight > 2 * fontSize, "it wraps onto a second line: " + lineHeight + " px high");
            List<String> cut = onFx(x -> FxViews.truncated(stage.getScene().getRoot()));
            assertFalse(cut.stream().anyMatch(c -> c.contains("orchestrator Device_A")), "the status line is whole: " + cut);
            assertTrue(onFx(x -> content.localToScene(content.getLayoutBounds()).getMaxX()) <= width + 0.5,
                    "nothing reaches past the window's right edge");
        } finally {
            robot.interact(() -> {
                stage.setWidth(w);
                stage.setHeight(h);
            });
            WaitForAsyncUtils.waitForFxEvents(5);
        }
    }

    @SuppressWarnings("unchecked")
    private static javafx.scene.control.ComboBox<String> strategyBox() {
        return robot.lookup("#strategy").queryAs(javafx.scene.control.ComboBox.class);
    }

    private static String statusLine() {
        return robot.lookup("#status-mesh").queryAs(javafx.scene.control.Label.class).getText();
    }

    private static javafx.geometry.Bounds reviveButtonBounds() {
        javafx.scene.Node revive = robot.lookup("#revive").query();
        return revive.localToScene(revive.getLayoutBounds());
    }

    private static DeviceSnapshot device(Workbench w, String id) {
        return w.graph().devices().stream().filter(d -> d.id().equals(id)).findFirst().orElseThrow();
    }
}
