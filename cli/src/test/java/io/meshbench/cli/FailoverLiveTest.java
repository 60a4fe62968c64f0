package io.meshbench.cli;

import io.meshbench.auction.Orchestrator;
import io.meshbench.auction.PromptRequest;
import io.meshbench.event.EventBus;
import io.meshbench.event.FailureReason;
import io.meshbench.event.MeshEvent;
import io.meshbench.event.TaskOutcomes;
import io.meshbench.event.PeerState;
import io.meshbench.live.LocalMesh;
import io.meshbench.net.PeerDirectory;
import io.meshbench.plugin.PluginRegistry;
import io.meshbench.testing.EventRecorder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Failover live, across JVMs on loopback, at the default settings: the winner, a {@code ./meshbench
 * node} in its own JVM, is killed with SIGKILL mid-task or frozen with SIGSTOP. The orchestrator and
 * the other device run in this JVM. Times are printed as measurements (see BENCHMARKS.md), never
 * asserted.
 */
class FailoverLiveTest {

    private static final Pattern LISTENING = Pattern.compile(".*listening on 127\\.0\\.0\\.1:(\\d+).*");

    private final EventBus bus = new EventBus();
    private final EventRecorder events = new EventRecorder();
    private final PluginRegistry plugins = PluginRegistry.fromClassPath();

    /** Device_C here, the orchestrator here (failover at its defaults), Device_B (NPU) in its own JVM. */
    private LocalMesh meshWithoutB() throws java.io.IOException {
        bus.subscribe(events);
        return LocalMesh.start(bus, plugins, List.of(LocalMesh.seedDevices().get(1)), "Device_A",
                new Orchestrator(Orchestrator.Settings.DEFAULT, plugins.strategy("npu-first")));
    }

    private static Launcher startB(Path dir, LocalMesh mesh, double speed) throws Exception {
        Files.writeString(dir.resolve("peers.txt"), "Device_A 127.0.0.1:" + mesh.orchestrator().port() + "\n");
        Files.writeString(dir.resolve("device_config.json"), "{\"device_id\": \"Device_B\", \"has_npu\": true, "
                + "\"metrics\": {\"source\": \"simulated\", \"cpu_load\": 0.452, \"ram_load\": 0.6, \"battery\": 85}, "
                + "\"slm\": {\"engine\": \"simulated\", \"speed\": " + speed + "}}");
        Launcher node = Launcher.start("node", "--insecure", "--id", "Device_B", "--host", "127.0.0.1", "--port", "0",
                "--config", dir.resolve("device_config.json").toString(), "--peers", dir.resolve("peers.txt").toString());
        Matcher listening = LISTENING.matcher(node.awaitLine(l -> LISTENING.matcher(l).matches(), Duration.ofSeconds(30)));
        assertTrue(listening.matches());
        mesh.directory().put(new PeerDirectory.Peer("Device_B", "127.0.0.1", Integer.parseInt(listening.group(1))));
        return node;
    }

    private static String submit(LocalMesh mesh) {
        return mesh.orchestrator().call(o -> o.submit(PromptRequest.of("Describe a sunset"))).join();
    }

    @Test
    void aWinnerKilledWithSigkillMidTaskIsFoundDownAndAnotherDeviceAnswers(@TempDir Path dir) throws Exception {
        try (LocalMesh mesh = meshWithoutB(); TaskOutcomes outcomes = new TaskOutcomes(bus);
             Launcher b = startB(dir, mesh, 0.05)) { // a 20-times slower model: a run of about 17 s
            String task = submit(mesh);
            b.awaitLine(l -> l.contains("running " + task), Duration.ofSeconds(30));
            assertEquals("Device_B", events.await(MeshEvent.TaskAssigned.class, e -> e.taskId().equals(task)).device());
            Thread.sleep(1_000); // mid-task, heartbeats answered
            long killedAt = System.currentTimeMillis() * 1_000_000L;
            b.signal("KILL");

            MeshEvent end = outcomes.outcome(task).get(60, TimeUnit.SECONDS);
            MeshEvent.TaskCompleted done = assertInstanceOf(MeshEvent.TaskCompleted.class, end, end.toString());
            assertEquals("Device_C", done.device());
            assertEquals("completed", done.status());
            assertEquals(FailureReason.PEER_DOWN, events.await(MeshEvent.AttemptFailed.class,
                    e -> e.taskId().equals(task)).reason());
            MeshEvent.PeerStateChanged down = events.await(MeshEvent.PeerStateChanged.class,
                    e -> e.peer().equals("Device_B") && e.state() == PeerState.DOWN);
            System.out.printf("MEASURED java winner kill -9: down after %.0f ms, answered by %s %.0f ms after the kill%n",
                    (down.time() - killedAt) / 1e6, done.device(), (done.time() - killedAt) / 1e6);
        }
    }

    @Test
    void aFrozenPeerCostsAtMostOneSlowAuction(@TempDir Path dir) throws Exception {
        try (LocalMesh mesh = meshWithoutB(); TaskOutcomes outcomes = new TaskOutcomes(bus);
             Launcher b = startB(dir, mesh, 20)) {
            String warm = submit(mesh);
            assertEquals("Device_B", ((MeshEvent.TaskCompleted) outcomes.outcome(warm).get(30, TimeUnit.SECONDS)).device());
            b.signal("STOP");
            List<Long> auctions = new ArrayList<>();
            int slow = 0;
            for (int i = 0; i < 4; i++) {
                String task = submit(mesh);
                MeshEvent end = outcomes.outcome(task).get(60, TimeUnit.SECONDS);
                MeshEvent.TaskCompleted done = assertInstanceOf(MeshEvent.TaskCompleted.class, end, end.toString());
                assertEquals("Device_C", done.device(), "the frozen NPU phone gets no task");
                MeshEvent.AuctionOpened opened = events.await(MeshEvent.AuctionOpened.class, e -> e.taskId().equals(task));
                MeshEvent.AuctionClosed closed = events.await(MeshEvent.AuctionClosed.class, e -> e.taskId().equals(task));
                auctions.add((closed.time() - opened.time()) / 1_000_000);
                if (closed.closedBy().equals("deadline")) {
                    slow++;
                }
            }
            assertTrue(slow <= 1, "auctions that waited the whole bid timeout: " + slow + " " + auctions);
            System.out.println("MEASURED SIGSTOP of a peer: bidding took " + auctions + " ms in the 4 auctions after it");

            b.signal("CONT");
            MeshEvent.PeerStateChanged back = events.await(MeshEvent.PeerStateChanged.class,
                    e -> e.peer().equals("Device_B") && e.state() == PeerState.REJOINED, Duration.ofSeconds(30));
            assertNotEquals(PeerState.REJOINED, back.previous());
        }
    }
}
