package io.meshbench.app.devices;

import io.meshbench.adb.Adb;
import io.meshbench.adb.DeviceMap;
import io.meshbench.testing.EventRecorder;
import io.meshbench.agent.testing.FakeAdbDevice;
import io.meshbench.agent.testing.ShellAgent;
import io.meshbench.event.EventBus;
import io.meshbench.event.MeshEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Devices panel's model without the toolkit, through the real adb client and a private adb
 * server, against fake phones (the agent module's FakeAdbDevice: the adb device protocol over TCP,
 * mksh in a sandbox) running the real agent scripts.
 */
class DevicesControllerTest {

    static final Map<String, String> PIXEL = Map.of("ro.product.model", "Pixel_8", "ro.build.version.release", "14",
            "ro.product.cpu.abi", "arm64-v8a", "ro.soc.manufacturer", "Google", "ro.soc.model", "Tensor G3");
    static final Map<String, String> GALAXY = Map.of("ro.product.model", "Galaxy_A54", "ro.build.version.release", "13",
            "ro.product.cpu.abi", "arm64-v8a", "ro.soc.manufacturer", "Samsung", "ro.hardware", "s5e8835");

    @TempDir
    Path temp;

    private Adb adb;
    private final List<FakeAdbDevice> phones = new ArrayList<>();
    private final EventBus bus = new EventBus();
    private final EventRecorder events = new EventRecorder();
    private DevicesController panel;

    @BeforeAll
    static void needsTools() throws Exception {
        for (String tool : new String[] {"adb", "mksh", "toybox"}) {
            if (new ProcessBuilder("sh", "-c", "command -v " + tool).start().waitFor() != 0) {
                throw new AssertionError(tool + " is not installed: run scripts/setup");
            }
        }
    }

    @BeforeEach
    void server() throws Exception {
        adb = new Adb("adb", ShellAgent.freePort());
        adb.startServer();
        bus.subscribe(events);
        panel = new DevicesController(bus, Runnable::run);
        panel.useAdb(adb, temp.resolve("device_map"));
    }

    @AfterEach
    void cleanUp() throws Exception {
        panel.close();
        adb.killServer();
        for (FakeAdbDevice phone : phones) {
            phone.close();
            Path dir = phone.sandbox().resolve("data/local/tmp/mesh");
            if (Files.exists(dir.resolve("mesh_ctl.sh"))) { // a failed test may leave listeners running
                ProcessBuilder stop = new ProcessBuilder("mksh", dir.resolve("mesh_ctl.sh").toString(), "stop")
                        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
                stop.environment().put("MESH_DIR", dir.toString());
                stop.start().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private FakeAdbDevice phone(String name, Map<String, String> props) throws Exception {
        FakeAdbDevice phone = new FakeAdbDevice(temp.resolve(name), props);
        phones.add(phone);
        adb.connect(phone.serial());
        return phone;
    }

    private PhoneRow row(String serial) {
        return panel.phones().stream().filter(r -> r.serial().equals(serial)).findFirst().orElseThrow();
    }

    @Test
    void listDetectSetUpStartFollowAndStopPhones() throws Exception {
        FakeAdbDevice pixel = phone("pixel", PIXEL);
        FakeAdbDevice galaxy = phone("galaxy", GALAXY);

        panel.refresh().get(60, TimeUnit.SECONDS);
        assertEquals("2 phones attached, 0 with the agent running", panel.message());
        assertFalse(panel.problem());
        PhoneRow p = row(pixel.serial());
        assertEquals(List.of("device", "Pixel_8", "14", "arm64-v8a", "not deployed", ""),
                List.of(p.state(), p.model(), p.android(), p.abi(), p.agent(), p.npu()));

        panel.select(galaxy.serial());
        panel.detectNpu().get(60, TimeUnit.SECONDS);
        assertTrue(panel.evidence().startsWith("NPU: no (Samsung)"), panel.evidence());
        assertTrue(panel.evidence().contains("ro.hardware=s5e8835"), panel.evidence());
        assertTrue(panel.evidence().contains("Samsung SoC, but none of its NPU libraries"), panel.evidence());

        // the user knows better for the Pixel: the answer is used at setup and kept in the device map
        panel.select(pixel.serial());
        panel.setNpu("yes");
        panel.setSetupFields(String.valueOf(ShellAgent.freePortPair()), true, ShellAgent.ECHO, "", false);
        String setUp = panel.setup().get(120, TimeUnit.SECONDS);
        assertTrue(setUp.startsWith("set up 2 phones; next: Start"), setUp);
        assertFalse(panel.problem(), panel.message());
        assertTrue(panel.evidence().contains("NPU yes, set by you"), panel.evidence());
        DeviceMap map = DeviceMap.read(temp.resolve("device_map"));
        String pixelId = map.bySerial(pixel.serial()).orElseThrow().deviceId();
        assertEquals("yes (user)", row(pixel.serial()).npu());
        assertEquals("no (detected)", row(galaxy.serial()).npu());
        assertEquals(pixelId, row(pixel.serial()).meshId());
        assertTrue(Files.readString(temp.resolve(".mesh_peers")).contains(pixelId + " "), "the laptop's peers file");

        panel.select("none"); // nothing selected: every phone
        String started = panel.start().get(60, TimeUnit.SECONDS);
        assertEquals(2, started.split("running", -1).length - 1, started);
        assertTrue(panel.phones().stream().allMatch(r -> r.agent().equals("running")), panel.phones().toString());

        // the agents' logs become the mesh's events, and the panel's lines
        String following = panel.follow(true).get(60, TimeUnit.SECONDS);
        assertTrue(following.startsWith("following the logs of "), following);
        MeshEvent.NodeStarted node = events.await(MeshEvent.NodeStarted.class, e -> e.node().equals(pixelId));
        assertEquals("shell-agent", node.role());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (panel.logLines().stream().noneMatch(l -> l.startsWith(pixelId + "  ") && l.contains(" START "))
                && System.nanoTime() < deadline) {
            Thread.sleep(20); // the lines come from adb's tail -f on its own thread (no event to wait for)
        }
        assertTrue(panel.logLines().stream().anyMatch(l -> l.startsWith(pixelId + "  ") && l.contains(" START ")),
                panel.logLines().toString());
        panel.follow(false);

        String stopped = panel.stop().get(60, TimeUnit.SECONDS);
        assertEquals(2, stopped.split("stopped", -1).length - 1, stopped);
        assertTrue(panel.phones().stream().allMatch(r -> r.agent().equals("stopped")), panel.phones().toString());
    }

    @Test
    void clearMessagesWithoutAdbWithoutPhonesAndForBadSettings() throws Exception {
        panel.refresh().get(60, TimeUnit.SECONDS);
        assertTrue(panel.problem());
        assertTrue(panel.message().startsWith("no device attached: plug in a phone with USB debugging on"),
                panel.message());

        phone("one", PIXEL);
        panel.setSetupFields("99999", false, "", "", false);
        panel.setup().get(60, TimeUnit.SECONDS);
        assertTrue(panel.problem());
        assertTrue(panel.message().contains("Port \"99999\": give the agents' port, 1 to 65535"), panel.message());
        panel.setSetupFields("9999", false, "", "9998", false);
        panel.setup().get(60, TimeUnit.SECONDS);
        assertTrue(panel.message().contains("PORT alone is enough only with USB"), panel.message());
        panel.detectNpu().get(60, TimeUnit.SECONDS);
        assertEquals("Select a phone in the list first.", panel.message());
        panel.follow(true).get(60, TimeUnit.SECONDS);
        assertEquals("No phone has the agent yet: run Setup, then Start.", panel.message());

        panel.useAdb(new Adb("/nonexistent/adb", 0), temp.resolve("device_map"));
        panel.refresh().get(60, TimeUnit.SECONDS);
        assertTrue(panel.problem());
        assertTrue(panel.message().contains("adb is not installed") && panel.message().contains("apt-get install adb"),
                panel.message());
    }
}
