package io.meshbench.net;

import io.meshbench.auction.Orchestrator;
import io.meshbench.auction.PromptRequest;
import io.meshbench.event.EventBus;
import io.meshbench.event.MeshEvent;
import io.meshbench.live.LiveNode;
import io.meshbench.node.DeviceConfig;
import io.meshbench.node.DeviceNode;
import io.meshbench.plugin.PluginRegistry;
import io.meshbench.testing.EventRecorder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Slow-loris over real sockets: connections from one address (127.0.0.2) that trickle a byte at a
 * time or sit idle cannot stop auctions between nodes at another (127.0.0.1), and are closed at
 * their deadlines although bytes keep coming.
 */
class TrickleTest {

    private static final LineServer.Limits LIMITS = new LineServer.Limits(64 * 1024, Duration.ofSeconds(3), 64,
            Duration.ofMillis(1500), 16);

    private final EventBus bus = new EventBus();
    private final EventRecorder events = new EventRecorder();
    private final List<LiveNode<?>> nodes = new ArrayList<>();
    private final List<Socket> attack = new ArrayList<>();
    private volatile boolean trickling = true;

    @AfterEach
    void stop() throws IOException {
        trickling = false;
        for (Socket s : attack) {
            s.close();
        }
        nodes.forEach(LiveNode::close);
    }

    @Test
    void tricklingAndIdleConnectionsFromOneAddressCannotStopAuctionsFromAnother() throws Exception {
        bus.subscribe(events);
        PluginRegistry plugins = PluginRegistry.fromClassPath();
        PeerDirectory directory = new PeerDirectory();
        for (DeviceConfig config : List.of(DeviceConfig.simulated("Device_B", true, 0.4, 0.5, 80).withSlmConfig(Map.of("speed", 50)),
                DeviceConfig.simulated("Device_C", false, 0.3, 0.5, 90).withSlmConfig(Map.of("speed", 50)))) {
            LiveNode<DeviceNode> node = new LiveNode<>(config.deviceId(), new DeviceNode(config,
                    plugins.metrics(config.metrics()), plugins.engine(config.slm())), directory, bus,
                    LiveNode.Options.loopback(0).withLimits(LIMITS)).start();
            nodes.add(node);
            directory.put(new PeerDirectory.Peer(config.deviceId(), "127.0.0.1", node.port()));
        }
        LiveNode<Orchestrator> orchestrator = new LiveNode<>("Device_A",
                new Orchestrator(Orchestrator.Settings.SEED, plugins.strategy("npu-first")), directory, bus,
                LiveNode.Options.loopback(0).withLimits(LIMITS)).start();
        nodes.add(orchestrator);
        directory.put(new PeerDirectory.Peer("Device_A", "127.0.0.1", orchestrator.port()));

        // The attacker: from 127.0.0.2, 40 connections to every node (more than the 16 an address may
        // hold); half trickle one byte every 200 ms, half send nothing.
        InetAddress attacker = InetAddress.getByName("127.0.0.2");
        for (LiveNode<?> node : nodes) {
            for (int i = 0; i < 40; i++) {
                Socket s = new Socket();
                s.bind(new InetSocketAddress(attacker, 0));
                s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), node.port()));
                attack.add(s);
            }
        }
        Thread trickler = Thread.ofVirtual().start(() -> {
            while (trickling) {
                for (int i = 0; i < attack.size(); i += 2) {
                    try {
                        attack.get(i).getOutputStream().write('B');
                    } catch (IOException ignored) {
                        // closed by the node: what the test expects of it
                    }
                }
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });

        for (int i = 0; i < 5; i++) {
            String task = orchestrator.call(o -> o.submit(PromptRequest.of("sunset"))).join();
            MeshEvent.TaskCompleted done = events.await(MeshEvent.TaskCompleted.class, e -> e.taskId().equals(task));
            assertEquals("completed", done.status());
            assertEquals("Device_B", done.device());
        }
        assertTrue(events.all(MeshEvent.InputRejected.class).stream()
                .anyMatch(e -> e.reason().contains("from 127.0.0.2 (limit 16 per address)")), "the per-address limit acted");
        // Trickling does not keep a connection: the line deadline counts from its first byte.
        MeshEvent.InputRejected cut = events.await(MeshEvent.InputRejected.class,
                e -> e.source().startsWith("127.0.0.2") && e.reason().contains("unfinished line"), Duration.ofSeconds(10));
        assertTrue(cut.reason().contains("1.5 s"), cut.reason());
        events.await(MeshEvent.InputRejected.class,
                e -> e.source().startsWith("127.0.0.2") && e.reason().contains("sent nothing for"), Duration.ofSeconds(10));
        trickling = false;
        trickler.join();
    }
}
