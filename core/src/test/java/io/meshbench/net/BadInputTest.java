package io.meshbench.net;

import io.meshbench.auction.Orchestrator;
import io.meshbench.auction.PromptRequest;
import io.meshbench.event.EventBus;
import io.meshbench.event.MeshEvent;
import io.meshbench.live.LiveNode;
import io.meshbench.live.LocalMesh;
import io.meshbench.node.DeviceConfig;
import io.meshbench.plugin.PluginRegistry;
import io.meshbench.protocol.BidResponse;
import io.meshbench.protocol.MessageDecoder;
import io.meshbench.testing.EventRecorder;
import io.meshbench.testing.RawPeer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bad input over real sockets, against a running device node and a running orchestrator: each gets a
 * clear error event naming the input and the sender, and the node still works afterwards.
 */
class BadInputTest {

    private static final String VALID_BID_REQUEST =
            "BID_REQUEST|Probe|{\"task_id\": \"task_probe\", \"task_type\": \"slm_inference\", \"prompt\": \"hi\", \"deadline\": 10}\n";

    private final EventBus bus = new EventBus();
    private final EventRecorder events = new EventRecorder();
    private LocalMesh mesh;
    private RawPeer probe;

    @BeforeEach
    void start() throws Exception {
        bus.subscribe(events);
        PluginRegistry plugins = PluginRegistry.fromClassPath();
        List<DeviceConfig> devices = LocalMesh.seedDevices().stream()
                .map(d -> d.withSlmConfig(Map.of("speed", 50))).toList();
        mesh = LocalMesh.start(bus, plugins, devices, "Device_A",
                new Orchestrator(Orchestrator.Settings.SEED, plugins.strategy("npu-first")));
        probe = new RawPeer();
        mesh.directory().put(new PeerDirectory.Peer("Probe", "127.0.0.1", probe.port()));
    }

    @AfterEach
    void stop() throws Exception {
        mesh.close();
        probe.close();
    }

    static Stream<Arguments> malformedLines() {
        return Stream.of(
                Arguments.of("empty line", "\n", "empty line"),
                Arguments.of("no separator", "hello there\n", "no '|'"),
                Arguments.of("unknown type", "GOSSIP|Probe|{}\n", "unknown message type"),
                Arguments.of("invalid JSON", "BID_REQUEST|Probe|{not json\n", "invalid JSON"),
                Arguments.of("missing field", "BID_REQUEST|Probe|{\"prompt\": \"hi\"}\n", "missing field task_id"),
                Arguments.of("mistyped field",
                        "BID_RESPONSE|Probe|{\"device_id\": \"Probe\", \"cpu_load\": \"high\", \"ram_load\": 0.5, \"battery\": 50, \"has_npu\": false}\n",
                        "cpu_load must be a number"),
                Arguments.of("negative CPU load",
                        "BID_RESPONSE|Probe|{\"device_id\": \"Probe\", \"cpu_load\": -0.5, \"ram_load\": 0.5, \"battery\": 50, \"has_npu\": false}\n",
                        "cpu_load must be a number from 0 to 1"),
                Arguments.of("battery 150",
                        "BID_RESPONSE|Probe|{\"device_id\": \"Probe\", \"cpu_load\": 0.5, \"ram_load\": 0.5, \"battery\": 150, \"has_npu\": false}\n",
                        "battery must be a whole percentage from 0 to 100"),
                Arguments.of("NaN",
                        "BID_RESPONSE|Probe|{\"device_id\": \"Probe\", \"cpu_load\": NaN, \"ram_load\": 0.5, \"battery\": 50, \"has_npu\": false}\n",
                        "invalid JSON"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedLines")
    void eachNodeRejectsMalformedLinesAndKeepsServing(String name, String line, String expected) throws Exception {
        for (LiveNode<?> node : List.of(mesh.devices().get(0), mesh.orchestrator())) {
            events.clear();
            RawPeer.sendOnce(node.port(), line);
            MeshEvent.InputRejected rejected = events.await(MeshEvent.InputRejected.class,
                    e -> e.node().equals(node.id()));
            assertTrue(rejected.reason().contains(expected), name + " at " + node.id() + ": " + rejected.reason());
            assertTrue(rejected.source().startsWith("127.0.0.1:"), "names the sender's address: " + rejected.source());
        }
        assertStillAnswersBids();
        assertOrchestratorStillWorks();
    }

    @Test
    void bytesThatAreNotUtf8AreRejected() throws Exception {
        byte[] bad = "BID_REQUEST|Probe|{\"task_id\": \"x\u00FF\"}\n".getBytes(StandardCharsets.ISO_8859_1);
        RawPeer.sendOnce(mesh.devices().get(0).port(), bad);
        MeshEvent.InputRejected rejected = events.await(MeshEvent.InputRejected.class, e -> true);
        assertTrue(rejected.reason().contains("not UTF-8"), rejected.reason());
        assertStillAnswersBids();
    }

    @Test
    void aTenMegabyteLineWithoutNewlineIsCutOffAndTheConnectionStillServes() throws Exception {
        int port = mesh.devices().get(0).port();
        byte[] chunk = new byte[64 * 1024];
        Arrays.fill(chunk, (byte) 'x');
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            OutputStream out = socket.getOutputStream();
            for (int sent = 0; sent < 10 * 1024 * 1024; sent += chunk.length) {
                out.write(chunk);
            }
            // The same kept-open connection then carries a valid line.
            out.write(("\n" + VALID_BID_REQUEST).getBytes(StandardCharsets.UTF_8));
            out.flush();
            MeshEvent.InputRejected rejected = events.await(MeshEvent.InputRejected.class, e -> true);
            assertTrue(rejected.reason().contains("line longer than"), rejected.reason());
            assertEquals(1, events.all(MeshEvent.InputRejected.class).size(), "reported once, not per chunk");
            assertValidBidResponse(probe.nextLine());
        }
    }

    @Test
    void aConnectionThatNeverSendsANewlineIsClosedWithAnError() throws Exception {
        try (LiveNode<?> node = new LiveNode<>("Device_X",
                new io.meshbench.node.DeviceNode(DeviceConfig.simulated("Device_X", false, 0.1, 0.1, 50),
                        PluginRegistry.fromClassPath().metrics("simulated"), PluginRegistry.fromClassPath().engine("simulated")),
                mesh.directory(), bus, LiveNode.Options.loopback(0)
                .withLimits(new LineServer.Limits(64 * 1024, Duration.ofMillis(300), 512))).start();
             Socket idle = new Socket(InetAddress.getLoopbackAddress(), node.port())) {
            idle.getOutputStream().write("BID_REQUEST|Probe|{\"task_id\"".getBytes(StandardCharsets.UTF_8));
            idle.getOutputStream().flush();
            MeshEvent.InputRejected rejected = events.await(MeshEvent.InputRejected.class,
                    e -> e.node().equals("Device_X"));
            assertTrue(rejected.reason().contains("unfinished line"), rejected.reason());
            assertEquals(-1, idle.getInputStream().read(), "the node closed the idle connection");
        }
    }

    @Test
    void aThousandConnectionsAtOnceAreServedAndTheNodeStillAnswers() throws Exception {
        int port = mesh.devices().get(0).port();
        List<Socket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < 1000; i++) {
                sockets.add(new Socket(InetAddress.getLoopbackAddress(), port));
            }
            // Each of them can still deliver a line: the default limit is above a thousand.
            for (Socket s : sockets.subList(0, 10)) {
                s.getOutputStream().write(VALID_BID_REQUEST.getBytes(StandardCharsets.UTF_8));
                s.getOutputStream().flush();
            }
            for (int i = 0; i < 10; i++) {
                assertValidBidResponse(probe.nextLine());
            }
            assertTrue(events.all(MeshEvent.InputRejected.class).stream()
                    .noneMatch(e -> e.reason().contains("too many connections")), "none refused");
        } finally {
            for (Socket s : sockets) {
                s.close();
            }
        }
        assertStillAnswersBids();
    }

    @Test
    void pastTheConnectionLimitConnectionsAreClosedAtOnceEachReportedAndTheNodeStillAnswers() throws Exception {
        PluginRegistry plugins = PluginRegistry.fromClassPath();
        DeviceConfig config = DeviceConfig.simulated("Device_L", false, 0.1, 0.1, 50);
        try (LiveNode<?> node = new LiveNode<>("Device_L", new io.meshbench.node.DeviceNode(config,
                plugins.metrics("simulated"), plugins.engine("simulated")), mesh.directory(), bus,
                LiveNode.Options.loopback(0).withLimits(new LineServer.Limits(64 * 1024, Duration.ofSeconds(30), 100))).start()) {
            List<Socket> sockets = new ArrayList<>();
            try {
                for (int i = 0; i < 1000; i++) {
                    sockets.add(new Socket(InetAddress.getLoopbackAddress(), node.port()));
                }
                events.await(MeshEvent.InputRejected.class, e -> e.node().equals("Device_L")
                        && e.reason().contains("too many connections at once (limit 100)"));
            } finally {
                for (Socket s : sockets) {
                    s.close();
                }
            }
            // The node frees a slot as it sees each closed connection; until then a new one is refused
            // (and reported), so ask again until a slot is free.
            String reply = null;
            for (int attempt = 0; attempt < 100 && reply == null; attempt++) {
                RawPeer.sendOnce(node.port(), VALID_BID_REQUEST);
                reply = probe.pollLine(Duration.ofMillis(200));
            }
            assertTrue(reply != null, "the node answers once the crowd has gone");
            BidResponse response = (BidResponse) new MessageDecoder().decode(reply).message();
            assertEquals("Device_L", response.deviceId());
            assertEquals("task_probe", response.taskId());
        }
    }

    @Test
    void bidsFromStrangersAndStrayResultsAreIgnoredWithAReason() throws Exception {
        int orchestrator = mesh.orchestrator().port();
        RawPeer.sendOnce(orchestrator, "BID_RESPONSE|Device_Z|{\"device_id\": \"Device_Z\", \"cpu_load\": 0.1, "
                + "\"ram_load\": 0.1, \"battery\": 99, \"has_npu\": true}\n");
        MeshEvent.BidIgnored stranger = events.await(MeshEvent.BidIgnored.class, e -> true);
        assertTrue(stranger.reason().contains("not in the peer list"), stranger.reason());
        RawPeer.sendOnce(orchestrator, "RESULT|Device_B|{\"task_id\": \"task_other\", \"device_id\": \"Device_B\", "
                + "\"status\": \"completed\", \"output\": \"?\"}\n");
        MeshEvent.ResultIgnored stray = events.await(MeshEvent.ResultIgnored.class, e -> true);
        assertTrue(stray.reason().contains("task_other"), stray.reason());
        assertOrchestratorStillWorks();
    }

    private void assertStillAnswersBids() throws Exception {
        RawPeer.sendOnce(mesh.devices().get(0).port(), VALID_BID_REQUEST);
        assertValidBidResponse(probe.nextLine());
    }

    private static void assertValidBidResponse(String line) throws Exception {
        BidResponse response = (BidResponse) new MessageDecoder().decode(line).message();
        assertEquals("Device_B", response.deviceId());
        assertEquals("task_probe", response.taskId());
        assertEquals(0.452, response.cpuLoad().getAsDouble(), 1e-9);
        assertEquals(85, response.battery().getAsInt());
        assertTrue(response.hasNpu());
    }

    private void assertOrchestratorStillWorks() {
        mesh.directory().remove("Probe"); // the probe does not bid
        String task = mesh.orchestrator().call(o -> o.submit(PromptRequest.of("still alive?"))).join();
        MeshEvent.TaskCompleted done = events.await(MeshEvent.TaskCompleted.class, e -> e.taskId().equals(task));
        assertEquals("Device_B", done.device());
        assertFalse(done.output().isEmpty());
    }
}
