package io.meshbench.cli;

import io.meshbench.adb.Adb;
import io.meshbench.adb.DeviceMap;
import io.meshbench.agent.testing.FakeAdbDevice;
import io.meshbench.agent.testing.ShellAgent;
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
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * devices, setup, start, status, logs, stop and an auction from the laptop orchestrator, each a real
 * {@code ./meshbench} in its own JVM, through the real adb client and a private adb server, against
 * fake phones (the agent module's FakeAdbDevice: the adb device protocol over TCP, mksh in a sandbox)
 * running the real agent scripts.
 */
class PhonesCommandTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    Path temp;

    private Adb adb;
    private final List<FakeAdbDevice> phones = new ArrayList<>();

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
    }

    @AfterEach
    void cleanUp() throws Exception {
        adb.killServer();
        for (FakeAdbDevice phone : phones) {
            phone.close();
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

    private record Run(int exit, String output) {
    }

    /** ./meshbench COMMAND --adb-port N --map MAP ARGS..., to its end. */
    private Run meshbench(String command, String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of(command, "--adb-port", String.valueOf(adb.serverPort()),
                "--map", temp.resolve("device_map").toString()));
        all.addAll(List.of(args));
        try (Launcher l = Launcher.start(all.toArray(String[]::new))) {
            String out = l.finish(TIMEOUT);
            return new Run(l.exitCode(), out);
        }
    }

    private static void expect(Run run, int exit, String... contained) {
        assertEquals(exit, run.exit(), run.output());
        for (String c : contained) {
            assertTrue(run.output().contains(c), "expected \"" + c + "\" in:\n" + run.output());
        }
    }

    @Test
    void setupWithAMeshGivesEachPhoneItsKeyAndTheLaptopAuctionsOverSealedLines() throws Exception {
        FakeAdbDevice pixel = phone("pixel", Map.of("ro.product.model", "Pixel_8", "ro.soc.manufacturer", "Google",
                "ro.soc.model", "Tensor G3"));
        Path mesh = temp.resolve("mesh");
        assertEquals(0, Main.run("mesh", "init", mesh.toString(), "--device", "Laptop"));
        int laptopPort = ShellAgent.freePort();
        Path laptopPeers = temp.resolve("laptop_peers");
        Run setup = meshbench("setup", "--mesh", mesh.toString(), "--port", String.valueOf(ShellAgent.freePort()),
                "--npu", pixel.serial() + "=yes", "--slm-command", ShellAgent.ECHO,
                "--laptop", "127.0.0.1:" + laptopPort, "--laptop-peers", laptopPeers.toString());
        expect(setup, 0, "added to mesh mesh as shell agents: Device_A", "pushed Device_A's mesh key",
                "meshbench orchestrate --mesh " + mesh + " --id Laptop");
        Path key = pixel.sandbox().resolve("data/local/tmp/mesh/mesh.key");
        assertEquals(Files.readString(mesh.resolve("agents/Device_A.key")), Files.readString(key));
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
        expect(meshbench("start"), 0, "Device_A (" + pixel.serial() + "): running");
        awaitListening(DeviceMap.read(temp.resolve("device_map")).entries().get(0).port());
        try (Launcher orchestrate = Launcher.start("orchestrate", "--mesh", mesh.toString(), "--id", "Laptop",
                "--port", String.valueOf(laptopPort), "--peers", laptopPeers.toString(), "--prompt", "Hello phones", "--json")) {
            String out = orchestrate.finish(TIMEOUT);
            assertEquals(0, orchestrate.exitCode(), out);
            assertTrue(out.contains("[Device_A npu=true] Hello phones"), out);
        }
        expect(meshbench("logs", "Device_A"), 0, "\tRECV\tTASK|Laptop|");
        // a plaintext line now runs nothing on the phone
        int port = DeviceMap.read(temp.resolve("device_map")).entries().get(0).port();
        io.meshbench.testing.RawPeer.sendOnce(port, "TASK|Laptop|{\"task_id\": \"t9\", \"prompt\": \"p\", "
                + "\"use_npu\": true, \"prompt_type\": \"npu_prompt\"}\n");
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        Run logs;
        do {
            logs = meshbench("logs", "Device_A");
        } while (!logs.output().contains("plaintext line refused") && System.nanoTime() < deadline);
        expect(logs, 0, "plaintext line refused");
        expect(meshbench("stop"), 0);
    }

    @Test
    void devicesSetupStartAuctionStatusLogsStop() throws Exception {
        FakeAdbDevice pixel = phone("pixel", Map.of("ro.product.model", "Pixel_8", "ro.build.version.release", "14",
                "ro.product.cpu.abi", "arm64-v8a", "ro.soc.manufacturer", "Google", "ro.soc.model", "Tensor G3"));
        FakeAdbDevice samsung = phone("samsung", Map.of("ro.product.model", "Galaxy_A54", "ro.build.version.release",
                "13", "ro.product.cpu.abi", "arm64-v8a", "ro.soc.manufacturer", "Samsung", "ro.hardware", "s5e8835"));

        Run devices = meshbench("devices");
        expect(devices, 0, "SERIAL", pixel.serial(), samsung.serial(), "Pixel_8", "Galaxy_A54", "arm64-v8a");
        assertTrue(devices.output().lines().filter(l -> l.contains("not deployed")).count() == 2, devices.output());

        int laptopPort = ShellAgent.freePort();
        Path laptopPeers = temp.resolve("laptop_peers");
        Run setup = meshbench("setup", "--port", String.valueOf(ShellAgent.freePortPair()), "--distinct-ports",
                "--npu", pixel.serial() + "=yes", "--slm-command", ShellAgent.ECHO,
                "--laptop", "127.0.0.1:" + laptopPort, "--laptop-peers", laptopPeers.toString());
        expect(setup, 0, "NPU yes, set by you", "ro.soc.manufacturer=Samsung", "Samsung SoC, but none of its NPU libraries",
                "wrote " + laptopPeers, "meshbench orchestrate --insecure --id Laptop --port " + laptopPort);
        DeviceMap map = DeviceMap.read(temp.resolve("device_map"));
        String npuId = map.bySerial(pixel.serial()).orElseThrow().deviceId();
        String cpuId = map.bySerial(samsung.serial()).orElseThrow().deviceId();
        String phonePeers = Files.readString(pixel.sandbox().resolve("data/local/tmp/mesh/peers.txt"));
        assertTrue(phonePeers.contains("Laptop 127.0.0.1 " + laptopPort), phonePeers);

        expect(meshbench("start"), 0, npuId + " (" + pixel.serial() + "): running", cpuId + " (" + samsung.serial()
                + "): running");
        for (DeviceMap.Entry e : map.entries()) {
            awaitListening(e.port());
        }
        Run running = meshbench("devices");
        assertEquals(2, running.output().lines().filter(l -> l.endsWith("running")).count(), running.output());

        // the laptop orchestrator, attached over TCP with the peers file setup wrote
        try (Launcher orchestrate = Launcher.start("orchestrate", "--insecure", "--id", "Laptop", "--port", String.valueOf(laptopPort),
                "--peers", laptopPeers.toString(), "--prompt", "Hello phones", "--json")) {
            String out = orchestrate.finish(TIMEOUT);
            assertEquals(0, orchestrate.exitCode(), out);
            assertTrue(out.contains("\"device_id\":\"" + npuId + "\""), "the NPU phone wins:\n" + out);
            assertTrue(out.contains("[" + npuId + " npu=true] Hello phones"), out);
        }

        expect(meshbench("status", npuId), 0, npuId + " (" + pixel.serial() + "): running (agent " + npuId + " on port");
        expect(meshbench("logs", npuId), 0, "\tSTART\t" + npuId, "\tTASK_START\t");
        expect(meshbench("logs", npuId, "--events"), 0, "TaskStarted[");
        try (Launcher follow = Launcher.start("logs", npuId, "-f", "--adb-port", String.valueOf(adb.serverPort()),
                "--map", temp.resolve("device_map").toString())) {
            assertTrue(follow.awaitLine(l -> l.contains("\tRECV\t"), TIMEOUT).contains("BID_REQUEST|Laptop|"));
        }

        // no JDK 21 on the phone's PATH (this machine's default java is older, or there is none)
        Run noJava = meshbench("orchestrate", "--on", cpuId, "--prompt", "x");
        expect(noJava, 2, cpuId + " has no Java 21 or newer that adb shell can run", "--peers ~/.mesh_peers");

        expect(meshbench("stop"), 0, npuId + " (" + pixel.serial() + "): stopped", cpuId + " (" + samsung.serial()
                + "): stopped");
        expect(meshbench("status"), 0, npuId + " (" + pixel.serial() + "): stopped");
    }

    @Test
    void usbOnlyPhonesMeshThroughForwardAndReverse() throws Exception {
        FakeAdbDevice first = phone("usb1", Map.of("ro.product.model", "Pixel_7"));
        FakeAdbDevice second = phone("usb2", Map.of("ro.product.model", "Pixel_6"));
        int laptopPort = ShellAgent.freePort();
        Path laptopPeers = temp.resolve("laptop_peers");
        Run setup = meshbench("setup", "--usb", "--port", String.valueOf(ShellAgent.freePortPair()), "--distinct-ports",
                "--npu", second.serial() + "=yes", "--slm-command", ShellAgent.ECHO, "--laptop", String.valueOf(laptopPort),
                "--laptop-peers", laptopPeers.toString());
        expect(setup, 0, "adb forward laptop 127.0.0.1:", "adb reverse phone port");
        DeviceMap map = DeviceMap.read(temp.resolve("device_map"));
        assertTrue(map.entries().stream().allMatch(e -> e.via() > 0 && e.host().equals("127.0.0.1")), map.toString());
        DeviceMap.Entry npu = map.bySerial(second.serial()).orElseThrow();
        DeviceMap.Entry other = map.bySerial(first.serial()).orElseThrow();
        String otherPeers = Files.readString(first.sandbox().resolve("data/local/tmp/mesh/peers.txt"));
        assertTrue(otherPeers.lines().anyMatch(l -> l.startsWith(npu.deviceId() + " 127.0.0.1 ")
                && !l.endsWith(" " + npu.port())), "a peer is reached through a reverse port:\n" + otherPeers);
        assertTrue(Files.readString(laptopPeers).contains(npu.deviceId() + " 127.0.0.1:" + npu.via()));

        expect(meshbench("start"), 0, "running");
        awaitListening(npu.port());
        awaitListening(other.port());
        try (Launcher orchestrate = Launcher.start("orchestrate", "--insecure", "--id", "Laptop", "--port", String.valueOf(laptopPort),
                "--peers", laptopPeers.toString(), "--prompt", "Over USB", "--json",
                "--map", temp.resolve("device_map").toString())) {
            String out = orchestrate.finish(TIMEOUT);
            assertEquals(0, orchestrate.exitCode(), () -> out + "\n" + logs(npu.deviceId()) + logs(other.deviceId()));
            assertTrue(out.contains("[" + npu.deviceId() + " npu=true] Over USB"), out);
            assertTrue(out.contains(other.deviceId()), "both phones bid:\n" + out);
        }
        // a second setup replaces the forwards instead of piling them up
        expect(meshbench("setup", "--usb", "--port", String.valueOf(ShellAgent.freePortPair()), "--distinct-ports",
                "--laptop", String.valueOf(laptopPort), "--laptop-peers", laptopPeers.toString()), 0, "wrote");
        assertEquals(2, adb.forwards().size(), adb.forwards().toString());
        expect(meshbench("stop"), 0, "stopped");
    }

    @Test
    void clearErrorsForNoAdbNoDeviceAndUnknownDevice() throws Exception {
        Run noAdb = meshbench("devices", "--adb", "/nonexistent/adb");
        expect(noAdb, 2, "adb is not installed", "apt-get install adb", "platform-tools");
        assertTrue(!noAdb.output().contains("Exception"), noAdb.output());
        expect(meshbench("devices"), 2, "no device attached", "USB debugging");
        expect(meshbench("start"), 2, "no device attached");
        expect(meshbench("logs", "Device_A"), 2, "no device attached");
        expect(meshbench("setup", "--npu", "Device_A=maybe"), 2, "--npu Device_A=maybe: say yes or no");
        expect(meshbench("setup", "--laptop", "9998"), 2, "PORT alone is enough only with --usb");

        FakeAdbDevice phone = phone("one", Map.of("ro.product.model", "Pixel_8"));
        expect(meshbench("status", "Device_Q"), 2, "no device Device_Q", phone.serial());
        expect(meshbench("status"), 2, "the agent is not deployed on " + phone.serial() + ": run meshbench setup first");
        expect(meshbench("orchestrate"), 2, "orchestrate needs --peers FILE");
    }

    /** A phone's log, for failure messages. */
    private String logs(String device) {
        try {
            return meshbench("logs", device).output() + "\n";
        } catch (Exception e) {
            return e.toString();
        }
    }

    private static void awaitListening(int port) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            try (var ignored = new java.net.Socket("127.0.0.1", port)) {
                return;
            } catch (java.io.IOException e) {
                Thread.sleep(20); // toybox nc binds just after mesh_ctl.sh reports the listener (no event to wait for)
            }
        }
        throw new AssertionError("nothing listens on " + port);
    }
}
