package io.meshbench.cli;

import io.meshbench.auction.Orchestrator;
import io.meshbench.auction.PromptRequest;
import io.meshbench.event.EventBus;
import io.meshbench.event.MeshEvent;
import io.meshbench.event.TaskOutcomes;
import io.meshbench.live.LiveNode;
import io.meshbench.live.LocalMesh;
import io.meshbench.net.PeerDirectory;
import io.meshbench.node.DeviceConfig;
import io.meshbench.plugin.PluginRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A mesh across JVMs: nodes started through {@code ./meshbench node} and {@code ./meshbench orchestrate}. */
class SeparateProcessMeshTest {

    private static final Pattern LISTENING = Pattern.compile(".*listening on 127\\.0\\.0\\.1:(\\d+).*");

    @Test
    void deviceBInItsOwnJvmWinsAndAnswers(@TempDir Path dir) throws Exception {
        EventBus bus = new EventBus();
        PluginRegistry plugins = PluginRegistry.fromClassPath();
        // Device_C and the orchestrator in this JVM; Device_B (the NPU phone) in its own process.
        try (LocalMesh mesh = LocalMesh.start(bus, plugins, List.of(LocalMesh.seedDevices().get(1)), "Device_A",
                new Orchestrator(Orchestrator.Settings.SEED, plugins.strategy("npu-first")));
             TaskOutcomes outcomes = new TaskOutcomes(bus)) {
            Files.writeString(dir.resolve("peers.txt"), "# the orchestrator, as Device_B reaches it\n"
                    + "Device_A 127.0.0.1:" + mesh.orchestrator().port() + "\n");
            Files.writeString(dir.resolve("device_config.json"), "{\"device_id\": \"Device_B\", \"has_npu\": true, "
                    + "\"metrics\": {\"source\": \"simulated\", \"cpu_load\": 0.452, \"ram_load\": 0.6, \"battery\": 85}, "
                    + "\"slm\": {\"engine\": \"simulated\", \"speed\": 20}}");
            try (Launcher node = Launcher.start("node", "--id", "Device_B", "--host", "127.0.0.1", "--port", "0",
                    "--config", dir.resolve("device_config.json").toString(),
                    "--peers", dir.resolve("peers.txt").toString())) {
                Matcher listening = LISTENING.matcher(node.awaitLine(l -> LISTENING.matcher(l).matches(),
                        Duration.ofSeconds(30)));
                assertTrue(listening.matches());
                mesh.directory().put(new PeerDirectory.Peer("Device_B", "127.0.0.1",
                        Integer.parseInt(listening.group(1))));

                String task = mesh.orchestrator().call(o -> o.submit(PromptRequest.of("Describe a sunset"))).join();
                MeshEvent end = outcomes.outcome(task).get(30, java.util.concurrent.TimeUnit.SECONDS);
                MeshEvent.TaskCompleted done = assertInstanceOf(MeshEvent.TaskCompleted.class, end, end.toString());
                assertEquals("Device_B", done.device());
                assertTrue(done.output().startsWith("[simulated] "), done.output());
                node.awaitLine(l -> l.contains("finished " + task + ": completed"), Duration.ofSeconds(10));
            }
        }
    }

    @Test
    void orchestrateWithOnePromptPrintsJsonAndExits(@TempDir Path dir) throws Exception {
        EventBus bus = new EventBus();
        PluginRegistry plugins = PluginRegistry.fromClassPath();
        int orchestratorPort;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            orchestratorPort = probe.getLocalPort();
        }
        List<DeviceConfig> devices = LocalMesh.seedDevices().stream()
                .map(d -> d.withSlmConfig(java.util.Map.of("speed", 20))).toList();
        try (LocalMesh mesh = LocalMesh.start(bus, plugins, devices, "Device_Local",
                new Orchestrator(Orchestrator.Settings.SEED, plugins.strategy("npu-first")))) {
            // The separate orchestrator is Device_A; the in-JVM devices reply to it at its fixed port.
            mesh.directory().put(new PeerDirectory.Peer("Device_A", "127.0.0.1", orchestratorPort));
            mesh.directory().remove("Device_Local");
            Files.writeString(dir.resolve("peers.txt"), mesh.directory().format());
            try (Launcher orchestrate = Launcher.start("orchestrate", "--id", "Device_A", "--host", "127.0.0.1",
                    "--port", String.valueOf(orchestratorPort), "--peers", dir.resolve("peers.txt").toString(),
                    "--prompt", "Describe a sunset", "--cpu-prompt", "[CPU Mode] {prompt}", "--json")) {
                String out = orchestrate.finish(Duration.ofSeconds(60)).strip();
                assertEquals(0, orchestrate.exitCode(), out);
                assertTrue(out.contains("\"status\":\"completed\",\"device_id\":\"Device_B\""), out);
                assertTrue(out.contains("\"bids\":[{\"device_id\":\"Device_B\""), out);
            }
        }
    }
}
