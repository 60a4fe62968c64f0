package io.meshbench.agent.adb;

import io.meshbench.adb.Adb;
import io.meshbench.adb.AdbException;
import io.meshbench.adb.AgentLog;
import io.meshbench.adb.DeviceInfo;
import io.meshbench.adb.DeviceMap;
import io.meshbench.adb.MeshAdb;
import io.meshbench.adb.MeshSetup;
import io.meshbench.testing.EventRecorder;
import io.meshbench.agent.testing.FakeAdbDevice;
import io.meshbench.agent.testing.ShellAgent;
import io.meshbench.auction.Orchestrator;
import io.meshbench.auction.PromptRequest;
import io.meshbench.event.EventBus;
import io.meshbench.event.MeshEvent;
import io.meshbench.live.LiveNode;
import io.meshbench.net.PeerDirectory;
import io.meshbench.plugin.PluginRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * devices, setup, start, status, logs and stop, end to end through the real adb client and server
 * (on a private server port), against two fake phones that run the real agent under mksh.
 */
class AdbEndToEndTest {

    @TempDir
    Path temp;

    private Adb adb;
    private final List<FakeAdbDevice> phones = new ArrayList<>();

    @BeforeAll
    static void needsAdb() throws Exception {
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
    }

    @AfterEach
    void killServer() throws Exception {
        adb.killServer();
        for (FakeAdbDevice phone : phones) {
            phone.close();
            // a failed test may leave listeners running: stop them without adb
            Path dir = phone.sandbox().resolve("data/local/tmp/mesh");
            if (Files.exists(dir.resolve("mesh_ctl.sh"))) {
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

    @Test
    void aNewUsersSessionFromDevicesToStop() throws Exception {
        FakeAdbDevice first = phone("phone1", Map.of("ro.product.model", "Pixel_8", "ro.build.version.release", "14",
                "ro.product.cpu.abi", "arm64-v8a", "ro.soc.manufacturer", "Google", "ro.soc.model", "Tensor G3"));
        FakeAdbDevice second = phone("phone2", Map.of("ro.product.model", "Galaxy_A54", "ro.build.version.release",
                "13", "ro.product.cpu.abi", "arm64-v8a", "ro.soc.manufacturer", "Samsung", "ro.hardware", "s5e8835"));
        MeshAdb mesh = new MeshAdb(adb, MeshAdb.DEFAULT_DIR);

        List<DeviceInfo> before = mesh.devices();
        assertEquals(2, before.size(), before.toString());
        DeviceInfo pixel = before.stream().filter(d -> d.serial().equals(first.serial())).findFirst().orElseThrow();
        assertEquals("Pixel_8", pixel.model());
        assertEquals("14", pixel.android());
        assertEquals("arm64-v8a", pixel.abi());
        assertEquals("not deployed", pixel.agent());

        // a laptop orchestrator takes part, so the phones' peer lists name it
        EventBus bus = new EventBus();
        EventRecorder events = new EventRecorder();
        bus.subscribe(events);
        PeerDirectory directory = new PeerDirectory();
        PluginRegistry plugins = PluginRegistry.fromClassPath();
        try (LiveNode<Orchestrator> laptop = new LiveNode<>("Laptop", new Orchestrator(Orchestrator.Settings.SEED,
                plugins.strategy("npu-first")), directory, bus, LiveNode.Options.loopback(0)).start()) {
            Path mapFile = temp.resolve("mesh_device_map");
            List<String> report = new ArrayList<>();
            // the user says the Pixel has an NPU; the Samsung's is detected (no NPU libraries: none)
            DeviceMap map = new MeshSetup(ShellAgent.freePortPair(), true, Map.of(first.serial(), true), ShellAgent.ECHO,
                    new MeshSetup.Laptop("Laptop", "127.0.0.1", laptop.port()), Map.of(), false).run(mesh, mapFile, report::add);
            assertEquals(2, map.entries().size());
            assertEquals(List.of("Device_A", "Device_B"), map.entries().stream().map(DeviceMap.Entry::deviceId).toList());
            DeviceMap.Entry b = map.bySerial(first.serial()).orElseThrow();
            assertTrue(b.npu() && b.source().equals("user"), b.toString());
            DeviceMap.Entry samsung = map.bySerial(second.serial()).orElseThrow();
            assertTrue(!samsung.npu() && samsung.source().equals("detected"), samsung.toString());
            assertTrue(report.contains("    ro.soc.manufacturer=Samsung"), report.toString());
            assertTrue(report.stream().anyMatch(l -> l.contains("Samsung SoC, but none of its NPU libraries")),
                    report.toString());
            assertEquals(map, DeviceMap.read(mapFile));
            String config = Files.readString(second.sandbox().resolve("data/local/tmp/mesh/device_config.json"));
            assertTrue(config.startsWith("{\"device_id\": \"" + samsung.deviceId() + "\", \"has_npu\": false, "
                    + "\"port\": " + samsung.port()), config);
            String npuId = b.deviceId();

            for (DeviceMap.Entry e : map.entries()) {
                assertEquals("running", mesh.control(e.serial(), "start").get("state"));
                directory.put(new PeerDirectory.Peer(e.deviceId(), e.host(), e.port()));
                awaitListening(e.port());
            }
            directory.put(new PeerDirectory.Peer("Laptop", "127.0.0.1", laptop.port()));
            assertTrue(mesh.devices().stream().allMatch(d -> d.agent().equals("running")), mesh.devices().toString());

            BlockingQueue<String> followed = new LinkedBlockingQueue<>();
            // From the log's last line on: that line coming through shows that tail -f has the log open,
            // so every line the auction writes after it will follow.
            Process tail = mesh.follow(b.serial(), 1, followed::add);
            try {
                assertNotNull(followed.poll(20, TimeUnit.SECONDS), "tail -f over adb shows the log's last line");
                String task = laptop.call(o -> o.submit(PromptRequest.of("Hello phones"))).join();
                MeshEvent.TaskCompleted done = events.await(MeshEvent.TaskCompleted.class, e -> e.taskId().equals(task));
                assertEquals(npuId, done.device(), "the NPU set by the user wins");
                assertEquals("[" + npuId + " npu=true] Hello phones", done.output());
                String line = followed.poll(20, TimeUnit.SECONDS);
                assertNotNull(line, "a line of Device_B's log came through adb shell tail -f");
                assertTrue(new AgentLog().toEvent(npuId, line).isPresent(), line);
            } finally {
                tail.destroy();
            }

            // TASK_DONE is logged just after the RESULT has gone out: read the log until it is there
            AgentLog reader = new AgentLog();
            List<MeshEvent> logged = List.of();
            for (int i = 0; i < 100 && logged.stream().noneMatch(e -> e instanceof MeshEvent.TaskExecuted); i++) {
                logged = mesh.log(b.serial()).stream().map(l -> reader.toEvent(npuId, l)).flatMap(Optional::stream)
                        .toList();
            }
            assertTrue(logged.stream().anyMatch(e -> e instanceof MeshEvent.TaskExecuted t
                    && t.status() == io.meshbench.plugin.api.SlmResult.Status.COMPLETED), logged.toString());

            for (DeviceMap.Entry e : map.entries()) {
                assertEquals("stopped", mesh.control(e.serial(), "stop").get("state"));
                assertEquals("stopped", mesh.control(e.serial(), "status").get("state"));
            }

            // the override persists: a second setup without --npu keeps it
            DeviceMap again = new MeshSetup(ShellAgent.freePortPair(), true, Map.of(), ShellAgent.ECHO, null, Map.of(), false)
                    .run(mesh, mapFile, s -> { });
            assertTrue(again.bySerial(first.serial()).orElseThrow().npu());
            assertEquals(map.entries().stream().map(DeviceMap.Entry::deviceId).toList(),
                    again.entries().stream().map(DeviceMap.Entry::deviceId).toList(), "names are kept");
        }

        // a phone that goes away mid-session
        second.unplug();
        AdbException gone = assertThrows(AdbException.class, () -> {
            for (int i = 0; i < 50; i++) {
                mesh.control(second.serial(), "status");
                Thread.sleep(100); // adb notices a dropped TCP device on its next use
            }
        });
        assertTrue(gone.getMessage().contains(second.serial()) && gone.getMessage().contains("went away"),
                gone.getMessage());
    }

    @Test
    void clearErrorsWithoutAdbAndWithoutDevices() {
        AdbException missing = assertThrows(AdbException.class,
                () -> new Adb("/nonexistent/adb", 0).run(Duration.ofSeconds(5), "devices"));
        assertTrue(missing.getMessage().contains("adb is not installed") && missing.getMessage().contains("apt-get"),
                missing.getMessage());
        AdbException none = assertThrows(AdbException.class, () -> new MeshAdb(adb, MeshAdb.DEFAULT_DIR).ready());
        assertTrue(none.getMessage().contains("no device attached"), none.getMessage());
    }

    @Test
    void forwardAndReverseCarryLinesBothWays() throws Exception {
        FakeAdbDevice phone = phone("usb", Map.of("ro.product.model", "Pixel_8"));
        try (var phoneSide = new java.net.ServerSocket(0, 5, java.net.InetAddress.getLoopbackAddress());
             var laptopSide = new java.net.ServerSocket(0, 5, java.net.InetAddress.getLoopbackAddress())) {
            int forwarded = adb.forward(phone.serial(), 0, phoneSide.getLocalPort());
            assertTrue(adb.forwards().contains(phone.serial() + " tcp:" + forwarded + " tcp:" + phoneSide.getLocalPort()),
                    adb.forwards().toString());
            try (var s = new java.net.Socket("127.0.0.1", forwarded); var accepted = phoneSide.accept()) {
                s.getOutputStream().write("BID_REQUEST|Laptop|{}\n".getBytes());
                assertEquals("BID_REQUEST|Laptop|{}", new java.io.BufferedReader(new java.io.InputStreamReader(
                        accepted.getInputStream())).readLine());
            }
            int reversed = adb.reverse(phone.serial(), 0, laptopSide.getLocalPort());
            assertTrue(reversed > 0 && reversed != laptopSide.getLocalPort(), "the phone bound a port of its own");
            try (var s = new java.net.Socket("127.0.0.1", reversed); var accepted = laptopSide.accept()) {
                s.getOutputStream().write("BID_RESPONSE|Device_A|{}\n".getBytes());
                assertEquals("BID_RESPONSE|Device_A|{}", new java.io.BufferedReader(new java.io.InputStreamReader(
                        accepted.getInputStream())).readLine());
            }
            adb.removeForward(phone.serial(), forwarded);
            assertTrue(adb.forwards().isEmpty(), adb.forwards().toString());
            adb.removeReverses(phone.serial());
            assertThrows(java.io.IOException.class, () -> new java.net.Socket("127.0.0.1", reversed).close(),
                    "reverse --remove-all closed the phone's port");
        }
    }

    private static void awaitListening(int port) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            try (var ignored = new java.net.Socket("127.0.0.1", port)) {
                return;
            } catch (java.io.IOException e) {
                Thread.sleep(20); // toybox nc binds just after mesh_ctl.sh reports the listener
            }
        }
        throw new AssertionError("nothing listens on " + port);
    }
}
