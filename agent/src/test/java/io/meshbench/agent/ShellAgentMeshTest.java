package io.meshbench.agent;

import io.meshbench.testing.EventRecorder;
import io.meshbench.agent.testing.ShellAgent;
import io.meshbench.auction.Orchestrator;
import io.meshbench.auction.PromptRequest;
import io.meshbench.event.EventBus;
import io.meshbench.event.MeshEvent;
import io.meshbench.live.LiveNode;
import io.meshbench.live.LocalMesh;
import io.meshbench.net.PeerDirectory;
import io.meshbench.node.DeviceConfig;
import io.meshbench.plugin.PluginRegistry;
import io.meshbench.plugin.api.Bid;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Java orchestrator and Java nodes in one mesh with the real shell agent under mksh and toybox. */
class ShellAgentMeshTest {

    @TempDir
    Path temp;

    private final EventBus bus = new EventBus();
    private final EventRecorder events = new EventRecorder();
    private final PluginRegistry plugins = PluginRegistry.fromClassPath();
    private final List<AutoCloseable> running = new ArrayList<>();

    @BeforeAll
    static void needsMkshAndToybox() throws Exception {
        AgentTools.require();
    }

    @BeforeEach
    void listen() {
        bus.subscribe(events);
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : running.reversed()) {
            c.close();
        }
    }

    private ShellAgent agent(ShellAgent.Spec spec, int port, String peers) throws Exception {
        ShellAgent agent = ShellAgent.start(temp.resolve(spec.id()), spec, port, peers);
        running.add(agent);
        return agent;
    }

    @Test
    void theJavaOrchestratorRunsFullAuctionsAgainstThreeShellAgents() throws Exception {
        PeerDirectory directory = new PeerDirectory();
        LiveNode<Orchestrator> orchestrator = new LiveNode<>("Device_A",
                new Orchestrator(Orchestrator.Settings.SEED, plugins.strategy("npu-first")), directory, bus,
                LiveNode.Options.loopback(0)).start();
        running.add(orchestrator);
        List<ShellAgent.Spec> specs = List.of(ShellAgent.Spec.of("Device_B", true, 4520),
                ShellAgent.Spec.of("Device_C", false, 3210), ShellAgent.Spec.of("Device_D", true, 6000).withBattery(40));
        StringBuilder peers = new StringBuilder("# the orchestrator and three phones\nDevice_A 127.0.0.1:"
                + orchestrator.port() + "\n");
        List<Integer> ports = new ArrayList<>();
        for (ShellAgent.Spec spec : specs) {
            int port = ShellAgent.freePort();
            ports.add(port);
            peers.append(spec.id()).append(" 127.0.0.1 ").append(port).append('\n');
            directory.put(new PeerDirectory.Peer(spec.id(), "127.0.0.1", port));
        }
        directory.put(new PeerDirectory.Peer("Device_A", "127.0.0.1", orchestrator.port()));
        List<ShellAgent> agents = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            agents.add(agent(specs.get(i), ports.get(i), peers.toString()));
        }

        String first = orchestrator.call(o -> o.submit(new PromptRequest("Describe a sunset",
                "[NPU Optimized] Describe a sunset", "[CPU Mode] Describe a sunset"))).join();
        MeshEvent.AuctionClosed closed = events.await(MeshEvent.AuctionClosed.class, e -> e.taskId().equals(first));
        assertEquals(io.meshbench.event.ClosedBy.ALL_BIDS, closed.closedBy(), "every shell agent bid at once");
        assertEquals("Device_B", closed.selection().winner().deviceId());
        assertEquals("NPU Priority", closed.selection().rule());
        Bid b = closed.bids().get(0);
        assertEquals(0.452, b.cpuLoad().getAsDouble(), 1e-9);
        assertEquals(0.6, b.ramLoad().getAsDouble(), 1e-9);
        assertEquals(85, b.battery().getAsInt());
        assertEquals(40, closed.bids().get(2).battery().getAsInt());
        MeshEvent.TaskCompleted done = events.await(MeshEvent.TaskCompleted.class, e -> e.taskId().equals(first));
        assertEquals("completed", done.status());
        assertEquals("[Device_B npu=true] [NPU Optimized] Describe a sunset", done.output());

        // Device_B goes away: the next auction goes to the other NPU phone, Device_D
        agents.get(0).close();
        running.remove(agents.get(0));
        String second = orchestrator.call(o -> o.submit(new PromptRequest("Again", "[NPU] Again", "[CPU] Again")))
                .join();
        MeshEvent.TaskCompleted again = events.await(MeshEvent.TaskCompleted.class, e -> e.taskId().equals(second));
        assertEquals("Device_D", again.device());
        assertEquals("[Device_D npu=true] [NPU] Again", again.output());

        // only CPU phones left: CPU fallback, cpu_prompt
        agents.get(2).close();
        running.remove(agents.get(2));
        String third = orchestrator.call(o -> o.submit(new PromptRequest("Last", "[NPU] Last", "[CPU] Last"))).join();
        MeshEvent.TaskCompleted last = events.await(MeshEvent.TaskCompleted.class, e -> e.taskId().equals(third));
        assertEquals("[Device_C npu=false] [CPU] Last", last.output());
    }

    @Test
    void aJavaDeviceNodeAndAShellAgentShareOneMesh() throws Exception {
        DeviceConfig javaNode = DeviceConfig.simulated("Device_C", true, 0.321, 0.45, 92)
                .withSlmConfig(Map.of("speed", 50));
        LocalMesh mesh = LocalMesh.start(bus, plugins, List.of(javaNode), "Device_A",
                new Orchestrator(Orchestrator.Settings.SEED, plugins.strategy("npu-first")));
        running.add(mesh);
        int port = ShellAgent.freePort();
        mesh.directory().put(new PeerDirectory.Peer("Device_B", "127.0.0.1", port));
        agent(ShellAgent.Spec.of("Device_B", false, 1000), port, mesh.directory().format());

        // the Java node has an NPU: it wins, and the shell agent's bid counts beside it
        String npuTask = mesh.orchestrator().call(o -> o.submit(PromptRequest.of("NPU please"))).join();
        MeshEvent.AuctionClosed closed = events.await(MeshEvent.AuctionClosed.class, e -> e.taskId().equals(npuTask));
        assertEquals(List.of("Device_B", "Device_C"), closed.bids().stream().map(Bid::deviceId).sorted().toList());
        assertEquals("Device_C", closed.selection().winner().deviceId());
        assertTrue(events.await(MeshEvent.TaskCompleted.class, e -> e.taskId().equals(npuTask)).output()
                .startsWith("[simulated] "));

        // without the Java node's NPU, the shell agent's lower CPU load wins, and it runs the task
        mesh.devices().get(0).close();
        String cpuTask = mesh.orchestrator().call(o -> o.submit(PromptRequest.of("Shell, please"))).join();
        MeshEvent.TaskCompleted done = events.await(MeshEvent.TaskCompleted.class, e -> e.taskId().equals(cpuTask));
        assertEquals("Device_B", done.device());
        assertEquals("[Device_B npu=false] Shell, please", done.output());
    }
}
