package io.meshbench.app;

import io.meshbench.cli.window.WorkbenchSettings;
import io.meshbench.app.auctions.AuctionSummary;
import io.meshbench.app.graph.DeviceSnapshot;
import io.meshbench.live.MeshSession;
import io.meshbench.app.sequence.Arrow;
import io.meshbench.app.shell.Workbench;
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
        return WaitForAsyncUtils.asyncFx(() -> query.apply(app.workbench())).get(5, TimeUnit.SECONDS);
    }

    private static void await(String what, Callable<Boolean> condition) throws Exception {
        try {
            WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, condition);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("timed out waiting until " + what, e);
        }
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

        await("the sequence chart has the auction's arrows", () -> onFx(w -> types(w, auction.taskId())
                .containsAll(Set.of("BID_REQUEST", "BID_RESPONSE", "TASK", "RESULT"))));
        List<Arrow> arrows = onFx(w -> w.sequence().visibleArrows().stream()
                .filter(a -> auction.taskId().equals(a.taskId())).toList());
        assertEquals(6, arrows.size(), "two bid requests, two bids, the task and the result");
    }

    private static Set<String> types(Workbench w, String taskId) {
        return w.sequence().visibleArrows().stream().filter(a -> taskId.equals(a.taskId())).map(Arrow::type)
                .collect(Collectors.toSet());
    }

    @Test
    void killingANodeGreysItOutAndRevivingBringsItBack() throws Exception {
        robot.interact(() -> app.workbench().control().select("Device_C"));
        robot.clickOn("#kill");
        await("Device_C is greyed", () -> onFx(w -> device(w, "Device_C").greyed()));
        assertEquals("killed", onFx(w -> w.control().state("Device_C").orElseThrow()));
        robot.clickOn("#revive");
        await("Device_C is back", () -> onFx(w -> !device(w, "Device_C").greyed()));
        assertEquals("up", onFx(w -> w.control().state("Device_C").orElseThrow()));
    }

    private static DeviceSnapshot device(Workbench w, String id) {
        return w.graph().devices().stream().filter(d -> d.id().equals(id)).findFirst().orElseThrow();
    }
}
