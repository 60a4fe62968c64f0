package io.meshbench.security;

import io.meshbench.auction.Orchestrator;
import io.meshbench.auction.PromptRequest;
import io.meshbench.event.EventBus;
import io.meshbench.event.MeshEvent;
import io.meshbench.live.LocalMesh;
import io.meshbench.node.DeviceConfig;
import io.meshbench.plugin.PluginRegistry;
import io.meshbench.testing.EventRecorder;
import io.meshbench.testing.RawPeer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import javax.net.ssl.SSLSocket;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A mesh in this JVM whose nodes speak TLS 1.3 within an ephemeral mesh, attacked over real sockets. */
class SecureLocalMeshTest {

    private final EventBus bus = new EventBus();
    private final EventRecorder events = new EventRecorder();
    private LocalMesh mesh;

    private LocalMesh start() throws Exception {
        bus.subscribe(events);
        PluginRegistry plugins = PluginRegistry.fromClassPath();
        List<DeviceConfig> devices = LocalMesh.seedDevices().stream().map(d -> d.withSlmConfig(Map.of("speed", 50))).toList();
        mesh = LocalMesh.start(bus, plugins, devices, "Device_A",
                new Orchestrator(Orchestrator.Settings.SEED, plugins.strategy("npu-first")), true);
        return mesh;
    }

    @AfterEach
    void stop() {
        if (mesh != null) {
            mesh.close();
        }
    }

    private String submit(String prompt) {
        return mesh.orchestrator().call(o -> o.submit(PromptRequest.of(prompt))).join();
    }

    @Test
    void aSecureMeshCompletesAuctionsOverTls() throws Exception {
        start();
        assertTrue(mesh.secure());
        assertEquals("secure", mesh.orchestrator().security().mode());
        for (String prompt : List.of("one", "two", "three")) {
            String task = submit(prompt);
            MeshEvent.TaskCompleted done = events.await(MeshEvent.TaskCompleted.class, e -> e.taskId().equals(task));
            assertEquals("Device_B", done.device());
            assertEquals("completed", done.status());
        }
        assertEquals(List.of(), events.all(MeshEvent.InputRejected.class), "nothing rejected in an honest mesh");
        assertEquals(Map.of("Device_B", LinkKind.TLS, "Device_C", LinkKind.TLS), mesh.orchestrator().links());
    }

    @Test
    void plaintextForgeriesFromOutsideTheMeshAreRejectedAndChangeNothing() throws Exception {
        start();
        int orchestratorPort = mesh.orchestrator().port();
        int deviceC = mesh.device("Device_C").orElseThrow().port();
        String task = submit("Describe a sunset");
        // An outsider races the real bids and result with forged ones under listed ids.
        RawPeer.sendOnce(orchestratorPort, "BID_RESPONSE|Device_C|{\"device_id\": \"Device_C\", \"cpu_load\": 0.0, "
                + "\"ram_load\": 0.0, \"battery\": 100, \"has_npu\": true, \"task_id\": \"" + task + "\"}\n");
        RawPeer.sendOnce(orchestratorPort, "RESULT|Device_B|{\"task_id\": \"" + task + "\", \"device_id\": \"Device_B\", "
                + "\"status\": \"completed\", \"output\": \"forged\"}\n");
        RawPeer.sendOnce(deviceC, "TASK|Device_A|{\"task_id\": \"x1\", \"prompt\": \"p\", \"use_npu\": false, "
                + "\"prompt_type\": \"cpu_prompt\"}\n");
        MeshEvent.TaskCompleted done = events.await(MeshEvent.TaskCompleted.class, e -> e.taskId().equals(task));
        assertEquals("Device_B", done.device(), "the real NPU device still wins");
        assertTrue(done.output().startsWith("[simulated] "), "the real answer, not the forged one: " + done.output());
        List<MeshEvent.InputRejected> rejected = events.all(MeshEvent.InputRejected.class);
        assertEquals(3, rejected.stream().filter(r -> r.reason().startsWith("plaintext line refused")).count(), rejected.toString());
        assertTrue(events.all(MeshEvent.TaskStarted.class).stream().noneMatch(t -> t.taskId().equals("x1")), "the forged TASK ran");
    }

    @Test
    void aClientOfAnotherMeshFailsTheHandshake() throws Exception {
        start();
        Mesh other = Mesh.create("other", List.of("Device_B"), List.of());
        SSLSocket socket = (SSLSocket) other.sslContext("Device_B").getSocketFactory()
                .createSocket(InetAddress.getLoopbackAddress(), mesh.orchestrator().port());
        socket.setSoTimeout(5000);
        assertThrows(java.io.IOException.class, () -> {
            socket.startHandshake();
            // TLS 1.3: the client may finish before the server has checked its certificate; the server then closes
            OutputStream out = socket.getOutputStream();
            out.write("RESULT|Device_B|{}\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
            socket.getInputStream().read();
            out.write("RESULT|Device_B|{}\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
        });
        socket.close();
        MeshEvent.InputRejected r = events.await(MeshEvent.InputRejected.class, e -> e.reason().startsWith("TLS handshake failed"));
        assertTrue(r.node().equals("Device_A"), r.toString());
    }

    @Test
    void aMemberSigningAsAnotherIsRejectedBeforeTheStateMachine() throws Exception {
        start();
        String task = submit("Describe a sunset");
        events.await(MeshEvent.AuctionOpened.class, e -> e.taskId().equals(task));
        // Device_C holds a real certificate of the mesh, but claims to be Device_B.
        Mesh.class.getName();
        var cSecurity = mesh.device("Device_C").orElseThrow().security();
        try (Socket plain = new Socket(InetAddress.getLoopbackAddress(), mesh.orchestrator().port());
             SSLSocket socket = Tls.connect(cSecurity.ssl(), plain, "Device_A")) {
            OutputStream out = socket.getOutputStream();
            out.write(("RESULT|Device_B|{\"task_id\": \"" + task + "\", \"device_id\": \"Device_B\", "
                    + "\"status\": \"completed\", \"output\": \"forged\"}\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            MeshEvent.InputRejected r = events.await(MeshEvent.InputRejected.class,
                    e -> e.reason().contains("differs from Device_C"), Duration.ofSeconds(10));
            assertTrue(r.reason().startsWith("SENDER \"Device_B\""), r.reason());
        }
        MeshEvent.TaskCompleted done = events.await(MeshEvent.TaskCompleted.class, e -> e.taskId().equals(task));
        assertTrue(done.output().startsWith("[simulated] "), done.output());
    }
}
