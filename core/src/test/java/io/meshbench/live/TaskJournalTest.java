package io.meshbench.live;

import io.meshbench.event.EventBus;
import io.meshbench.event.MeshEvent;
import io.meshbench.net.PeerDirectory;
import io.meshbench.node.DeviceConfig;
import io.meshbench.node.DeviceNode;
import io.meshbench.plugin.PluginRegistry;
import io.meshbench.testing.EventRecorder;
import io.meshbench.testing.RawPeer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A replayed TASK never runs twice on a device, even after the device restarts. */
class TaskJournalTest {

    private static final String TASK = "TASK|Device_A|{\"task_id\": \"task_9\", \"prompt\": \"p\", \"use_npu\": false, "
            + "\"prompt_type\": \"cpu_prompt\"}\n";

    @Test
    void aReplayedTaskIsRefusedBeforeAndAfterARestart(@TempDir Path dir) throws Exception {
        EventBus bus = new EventBus();
        EventRecorder events = new EventRecorder();
        bus.subscribe(events);
        PluginRegistry plugins = PluginRegistry.fromClassPath();
        DeviceConfig config = DeviceConfig.simulated("Device_B", false, 0.1, 0.1, 50).withSlmConfig(Map.of("speed", 50));
        try (RawPeer orchestrator = new RawPeer()) {
            PeerDirectory directory = new PeerDirectory();
            directory.put(new PeerDirectory.Peer("Device_A", "127.0.0.1", orchestrator.port()));
            Path file = dir.resolve("state/Device_B.tasks");
            for (int life = 0; life < 2; life++) {
                try (LiveNode<DeviceNode> node = new LiveNode<>("Device_B", new DeviceNode(config,
                        plugins.metrics(config.metrics()), plugins.engine(config.slm())), directory, bus,
                        LiveNode.Options.loopback(0)).journalTasks(TaskJournal.open(file, TaskJournal.DEFAULT_WINDOW)).start()) {
                    RawPeer.sendOnce(node.port(), TASK);
                    if (life == 0) {
                        assertTrue(orchestrator.nextLine().startsWith("RESULT|Device_B|"), "the first TASK ran");
                        RawPeer.sendOnce(node.port(), TASK);
                    }
                    int expected = life + 1;
                    events.await(MeshEvent.InputRejected.class, e -> e.reason().contains("already taken here")
                            && events.all(MeshEvent.InputRejected.class).size() >= expected);
                }
            }
            assertEquals(1, events.all(MeshEvent.TaskStarted.class).size(), "task_9 ran once in two lives");
            assertEquals(null, orchestrator.pollLine(java.time.Duration.ofMillis(200)));
        }
    }
}
