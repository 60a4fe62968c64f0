package io.meshbench.app;

import io.meshbench.cli.window.WorkbenchSettings;
import io.meshbench.adb.Adb;
import io.meshbench.agent.testing.FakeAdbDevice;
import io.meshbench.agent.testing.ShellAgent;
import io.meshbench.app.devices.PhoneRow;
import io.meshbench.live.MeshSession;
import io.meshbench.auction.Orchestrator;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static io.meshbench.app.FxViews.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The window's Phones (ADB) tab, driven headless by TestFX on Monocle, through the real adb client
 * (a private adb server) against a fake phone (the agent module's FakeAdbDevice).
 */
class PhonesUiTest {

    @TempDir
    static Path temp;

    private static final FxRobot robot = new FxRobot();
    private static WorkbenchApp app;
    private static MeshSession session;
    private static Adb adb;
    private static FakeAdbDevice phone;

    @BeforeAll
    static void openTheWindowWithAPhoneAttached() throws Exception {
        if (new ProcessBuilder("sh", "-c", "command -v adb && command -v mksh").start().waitFor() != 0) {
            throw new AssertionError("adb or mksh is not installed: run scripts/setup");
        }
        adb = new Adb("adb", ShellAgent.freePort());
        adb.startServer();
        // a Pixel 8 on a Tensor G3, without NPU libraries in /vendor
        phone = new FakeAdbDevice(temp.resolve("pixel"), Map.of("ro.product.model", "Pixel_8",
                "ro.build.version.release", "14", "ro.product.cpu.abi", "arm64-v8a", "ro.soc.manufacturer", "Google",
                "ro.soc.model", "Tensor G3"));
        adb.connect(phone.serial());
        FxToolkit.registerPrimaryStage();
        WorkbenchSettings settings = new WorkbenchSettings(null, "Device_A", 0, 0, 1, 0,
                new Orchestrator.Settings(Duration.ofSeconds(2), Duration.ofSeconds(30)), "npu-first");
        session = WorkbenchLauncher.startMesh(settings);
        app = (WorkbenchApp) FxToolkit.setupApplication(() -> new WorkbenchApp(session, settings));
        robot.interact(() -> app.workbench().phones().useAdb(adb, temp.resolve("device_map")));
    }

    @AfterAll
    static void closeTheWindow() throws Exception {
        FxToolkit.cleanupApplication(app);
        adb.killServer();
        phone.close();
    }

    @Test
    void thePhonesTabListsThePhoneAndShowsItsNpuEvidence() throws Exception {
        robot.clickOn("Phones (ADB)");
        TableView<?> table = robot.lookup("#phones-table").queryAs(TableView.class);
        await("the phone is listed", () -> table.getItems().size() == 1);
        PhoneRow row = (PhoneRow) table.getItems().get(0);
        assertEquals(phone.serial(), row.serial());
        assertEquals("Pixel_8", row.model());
        assertEquals("not deployed", row.agent());
        Label message = robot.lookup("#phones-message").queryAs(Label.class);
        await("the message says what is attached", () -> message.getText().equals("1 phone attached, 0 with the agent running"));

        await("the row is drawn", () -> robot.lookup("#phones-table .table-row-cell").tryQuery().isPresent());
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn(robot.lookup("#phones-table .table-row-cell").nth(0).queryAs(javafx.scene.Node.class));
        await("the phone is selected", () -> table.getSelectionModel().getSelectedIndex() == 0);
        robot.clickOn("#phones-detect");
        TextArea evidence = robot.lookup("#phones-evidence").queryAs(TextArea.class);
        await("the NPU evidence is shown", () -> evidence.getText().contains("ro.soc.manufacturer=Google"));
        assertTrue(evidence.getText().startsWith("NPU: no (Google)"), evidence.getText());
        assertTrue(evidence.getText().contains("Google SoC, but none of its NPU libraries"), evidence.getText());

        robot.clickOn("#phones-follow");
        await("following without an agent says what to do",
                () -> message.getText().equals("No phone has the agent yet: run Setup, then Start."));
        assertTrue(message.getStyleClass().contains("danger"), message.getStyleClass().toString());
    }
}
