package io.meshbench.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.meshbench.auction.Orchestrator;
import io.meshbench.event.EventBus;
import io.meshbench.live.LocalMesh;
import io.meshbench.net.PeerDirectory;
import io.meshbench.plugin.PluginRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code ./meshbench health} in its own JVM against a live mesh with one peer that is not there. */
class HealthCommandTest {

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Test
    void jsonShowsLivePeersUpWithARoundTripAndAMissingPeerDown(@TempDir Path dir) throws Exception {
        PluginRegistry plugins = PluginRegistry.fromClassPath();
        try (LocalMesh mesh = LocalMesh.start(new EventBus(), plugins, LocalMesh.seedDevices(), "Device_A",
                new Orchestrator(Orchestrator.Settings.DEFAULT, plugins.strategy("npu-first")))) {
            mesh.directory().put(new PeerDirectory.Peer("Monitor", "127.0.0.1", freePort()));
            mesh.directory().put(new PeerDirectory.Peer("Device_Z", "127.0.0.1", freePort())); // nobody listens
            Files.writeString(dir.resolve("peers.txt"), mesh.directory().format());
            try (Launcher health = Launcher.start("health", "--peers", dir.resolve("peers.txt").toString(),
                    "--for", "4", "--every", "1", "--json")) {
                String out = health.finish(Duration.ofSeconds(60)).strip();
                assertEquals(0, health.exitCode(), out);
                List<String> lines = out.lines().filter(l -> l.startsWith("{")).toList();
                assertTrue(lines.size() >= 3, out);
                JsonNode last = new ObjectMapper().readTree(lines.getLast());
                Map<String, JsonNode> peers = new HashMap<>();
                last.get("peers").forEach(p -> peers.put(p.get("peer").asText(), p));
                for (String live : List.of("Device_A", "Device_B", "Device_C")) {
                    assertEquals("up", peers.get(live).get("state").asText(), live + " in " + last);
                    assertTrue(peers.get(live).get("rtt_ns").asLong() > 0, live + " in " + last);
                }
                assertEquals("down", peers.get("Device_Z").get("state").asText(), last.toString());
                assertEquals(1, peers.get("Device_Z").get("failures").asInt());
            }
        }
    }

    @Test
    void aTableForPeople() {
        var snapshot = new io.meshbench.health.PeerHealth.Snapshot("Device_B", io.meshbench.event.PeerState.SUSPECT,
                0, 500_000_000L, 1_500_000L, 2, Map.of(io.meshbench.event.PeerState.UP, 3_000_000_000L,
                io.meshbench.event.PeerState.SUSPECT, 1_000_000_000L, io.meshbench.event.PeerState.DOWN, 0L,
                io.meshbench.event.PeerState.REJOINED, 0L), 2.5, "abc");
        String table = HealthCommand.table(4_000_000_000L, List.of(snapshot));
        assertTrue(table.contains("PEER"), table);
        assertTrue(table.matches("(?s).*Device_B\\s+suspect\\s+4\\.0s\\s+3\\.5s\\s+1\\.5ms\\s+2\\s+75\\s+25\\s+0\\s+0.*"), table);
    }
}
