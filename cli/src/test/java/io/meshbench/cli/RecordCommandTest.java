package io.meshbench.cli;

import io.meshbench.auction.Orchestrator;
import io.meshbench.event.EventBus;
import io.meshbench.event.MeshEvent;
import io.meshbench.live.LocalMesh;
import io.meshbench.net.PeerDirectory;
import io.meshbench.plugin.PluginRegistry;
import io.meshbench.record.Recording;
import io.meshbench.record.RecordingReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code record --peers}: an observer of a real mesh on loopback that MeshBench's command does not drive. */
class RecordCommandTest {

    @TempDir
    Path dir;

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Test
    void probesEveryDeviceForItsMetricsAndSeesAnUnreachableOneFail() throws Exception {
        PluginRegistry plugins = PluginRegistry.fromClassPath();
        try (LocalMesh mesh = LocalMesh.start(new EventBus(), plugins, LocalMesh.seedDevices(), "Device_A",
                new Orchestrator(Orchestrator.Settings.SEED, plugins.strategy("npu-first")))) {
            int observerPort = freePort();
            // The devices know the observer, so that they can answer it; Ghost is in the file but not running.
            mesh.directory().put(new PeerDirectory.Peer("Observer", "127.0.0.1", observerPort));
            Path peers = dir.resolve("peers.txt");
            Files.writeString(peers, mesh.directory().format() + "\nGhost 127.0.0.1 " + freePort() + "\n");
            Path out = dir.resolve("observed.jsonl");

            int code = Main.run("record", "--peers", peers.toString(), "--out", out.toString(), "--probe", "0.2",
                    "--duration", "1.5");

            assertEquals(0, code);
            Recording recording = RecordingReader.read(out);
            assertEquals("record", recording.header().metadata().get("command"));
            List<MeshEvent> events = recording.events();
            List<MeshEvent.MetricSampled> samples = events.stream().filter(MeshEvent.MetricSampled.class::isInstance)
                    .map(MeshEvent.MetricSampled.class::cast).toList();
            MeshEvent.MetricSampled b = samples.stream().filter(s -> s.node().equals("Device_B")).findFirst().orElseThrow();
            assertEquals(85, b.battery(), "Device_B's battery, from its bid");
            assertEquals(0.452, b.cpuLoad(), 0.1);
            assertTrue(samples.stream().anyMatch(s -> s.node().equals("Device_C") && s.battery() == 92));
            assertTrue(samples.stream().filter(s -> s.node().equals("Device_B")).count() >= 3, "probed again and again");
            assertTrue(events.stream().anyMatch(e -> e instanceof MeshEvent.MessageReceived r
                    && r.type().equals("BID_RESPONSE") && r.peer().equals("Device_C")));
            assertTrue(events.stream().anyMatch(e -> e instanceof MeshEvent.DeliveryFailed f && f.peer().equals("Ghost")),
                    "a device that is not there is seen unreachable");
            assertFalse(events.stream().anyMatch(e -> e instanceof MeshEvent.MessageSent s && s.type().equals("TASK")),
                    "an observer never makes a device work");
        }
    }

    @Test
    void anIdNotInThePeersFileIsRefusedWithWhatToDo() throws Exception {
        Path peers = dir.resolve("peers.txt");
        Files.writeString(peers, "Device_B 127.0.0.1 9\n");
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        java.io.PrintStream saved = System.err;
        int code;
        try {
            System.setErr(new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8));
            code = Main.run("record", "--peers", peers.toString(), "--out", dir.resolve("x.jsonl").toString());
        } finally {
            System.setErr(saved);
        }
        assertEquals(2, code);
        assertTrue(err.toString(java.nio.charset.StandardCharsets.UTF_8).contains("has no line for Observer"), err.toString());
    }
}
