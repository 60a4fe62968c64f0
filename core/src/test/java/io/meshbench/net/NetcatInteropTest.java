package io.meshbench.net;

import io.meshbench.auction.Orchestrator;
import io.meshbench.auction.PromptRequest;
import io.meshbench.event.EventBus;
import io.meshbench.event.MeshEvent;
import io.meshbench.live.LiveNode;
import io.meshbench.live.LocalMesh;
import io.meshbench.plugin.PluginRegistry;
import io.meshbench.testing.EventRecorder;
import io.meshbench.testing.RawPeer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The original design's transport: lines sent with netcat ({@code nc}, one line per connection) to
 * MeshBench nodes, and MeshBench's lines read back on plain sockets. Needs {@code nc} from Debian's
 * netcat-openbsd, which {@code scripts/setup} installs.
 */
class NetcatInteropTest {

    /** The seed's BID_RESPONSE, field for field: {@code {"device_id": ..., "has_npu": ...}} with its layout. */
    private static final Pattern SEED_BID_RESPONSE = Pattern.compile(
            "BID_RESPONSE\\|Device_B\\|\\{\"device_id\": \"Device_B\", \"cpu_load\": 0\\.452, \"ram_load\": 0\\.6, "
                    + "\"battery\": 85, \"has_npu\": true, \"task_id\": \"task_123\"(, \"mb\": 1)?}");

    private final EventBus bus = new EventBus();
    private final EventRecorder events = new EventRecorder();
    private LocalMesh mesh;

    @BeforeAll
    static void needsNetcat() throws Exception {
        Process which = new ProcessBuilder("sh", "-c", "command -v nc").start();
        if (which.waitFor() != 0) {
            fail("nc (netcat) is not installed: run scripts/setup, or apt-get install netcat-openbsd");
        }
    }

    @BeforeEach
    void start() {
        bus.subscribe(events);
    }

    @AfterEach
    void stop() {
        if (mesh != null) {
            mesh.close();
        }
    }

    /** {@code printf '%s\n' LINE | nc -N 127.0.0.1 PORT}, as the original mesh_sender.sh sends. */
    private static void netcat(int port, String line) throws IOException, InterruptedException {
        Process nc = new ProcessBuilder("nc", "-N", "-w", "5", "127.0.0.1", String.valueOf(port))
                .redirectErrorStream(true).start();
        nc.getOutputStream().write((line + "\n").getBytes(StandardCharsets.UTF_8));
        nc.getOutputStream().close();
        if (!nc.waitFor(10, TimeUnit.SECONDS)) {
            nc.destroyForcibly();
            fail("nc did not finish");
        }
        assertEquals(0, nc.exitValue(), new String(nc.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    @Test
    void aDeviceNodeAnswersABidRequestSentWithNetcat() throws Exception {
        PluginRegistry plugins = PluginRegistry.fromClassPath();
        mesh = LocalMesh.start(bus, plugins, LocalMesh.seedDevices(), "Device_A",
                new Orchestrator(Orchestrator.Settings.SEED, plugins.strategy("npu-first")));
        try (RawPeer shellOrchestrator = new RawPeer()) {
            mesh.directory().put(new PeerDirectory.Peer("Shell_A", "127.0.0.1", shellOrchestrator.port()));
            netcat(mesh.devices().get(0).port(), "BID_REQUEST|Shell_A|{\"task_id\": \"task_123\", "
                    + "\"task_type\": \"slm_inference\", \"prompt\": \"Describe a sunset\", \"deadline\": 10}");
            String reply = shellOrchestrator.nextLine();
            assertTrue(SEED_BID_RESPONSE.matcher(reply).matches(), reply);
        }
    }

    @Test
    void aBidRequestWithOnlyATaskIdSentWithNetcatIsAnsweredEveryTime() throws Exception {
        // The shortest request the original listener answers: a node needs the task id, nothing else.
        PluginRegistry plugins = PluginRegistry.fromClassPath();
        mesh = LocalMesh.start(bus, plugins, LocalMesh.seedDevices(), "Device_A",
                new Orchestrator(Orchestrator.Settings.SEED, plugins.strategy("npu-first")));
        try (RawPeer shellOrchestrator = new RawPeer()) {
            mesh.directory().put(new PeerDirectory.Peer("Shell_A", "127.0.0.1", shellOrchestrator.port()));
            for (int i = 0; i < 20; i++) {
                netcat(mesh.devices().get(0).port(), "BID_REQUEST|Shell_A|{\"task_id\":\"t" + i + "\"}");
                String reply = shellOrchestrator.nextLine();
                assertTrue(SEED_BID_RESPONSE.matcher(reply.replace("\"task_id\": \"t" + i + "\"", "\"task_id\": \"task_123\""))
                        .matches(), "a seed-format bid for t" + i + ": " + reply);
            }
        }
    }

    @Test
    void theOrchestratorTakesSeedFormatBidsAndResultsSentWithNetcat() throws Exception {
        PluginRegistry plugins = PluginRegistry.fromClassPath();
        try (RawPeer shellDevice = new RawPeer()) {
            PeerDirectory directory = new PeerDirectory(List.of(new PeerDirectory.Peer("Device_B", "127.0.0.1",
                    shellDevice.port())));
            try (LiveNode<Orchestrator> orchestrator = new LiveNode<>("Device_A",
                    new Orchestrator(Orchestrator.Settings.SEED, plugins.strategy("npu-first")), directory, bus,
                    LiveNode.Options.loopback(0)).start()) {
                directory.put(new PeerDirectory.Peer("Device_A", "127.0.0.1", orchestrator.port()));
                String task = orchestrator.call(o -> o.submit(new PromptRequest("Describe a sunset",
                        "[NPU Optimized] Describe a sunset", null))).join();

                String bidRequest = shellDevice.nextLine();
                assertTrue(bidRequest.startsWith("BID_REQUEST|Device_A|{\"task_id\": \"" + task
                        + "\", \"task_type\": \"slm_inference\", \"prompt\": \"Describe a sunset\", \"deadline\": 10"),
                        bidRequest);

                // The seed's bid has no task_id: it goes to the open auction that awaits Device_B.
                netcat(orchestrator.port(), "BID_RESPONSE|Device_B|{\"device_id\": \"Device_B\", \"cpu_load\": 0.45, "
                        + "\"ram_load\": 0.60, \"battery\": 85, \"has_npu\": true}");
                MeshEvent.BidAccepted bid = events.await(MeshEvent.BidAccepted.class, e -> true);
                assertEquals(task, bid.taskId());

                String taskLine = shellDevice.nextLine();
                assertTrue(taskLine.startsWith("TASK|Device_A|{\"task_id\": \"" + task + "\", \"prompt\": "
                        + "\"[NPU Optimized] Describe a sunset\", \"use_npu\": true, \"prompt_type\": \"npu_prompt\""),
                        taskLine);

                netcat(orchestrator.port(), "RESULT|Device_B|{\"task_id\": \"" + task + "\", \"device_id\": \"Device_B\", "
                        + "\"status\": \"completed\", \"output\": \"A red sun sinks.\"}");
                MeshEvent.TaskCompleted done = events.await(MeshEvent.TaskCompleted.class,
                        e -> e.taskId().equals(task), Duration.ofSeconds(20));
                assertEquals("A red sun sinks.", done.output());
                assertEquals("Device_B", done.device());
            }
        }
    }
}
