package io.meshbench.agent;

import io.meshbench.agent.testing.ShellAgent;
import io.meshbench.auction.Orchestrator;
import io.meshbench.auction.PromptRequest;
import io.meshbench.event.EventBus;
import io.meshbench.event.FailureReason;
import io.meshbench.event.MeshEvent;
import io.meshbench.event.PeerState;
import io.meshbench.live.LocalMesh;
import io.meshbench.net.PeerDirectory;
import io.meshbench.node.DeviceConfig;
import io.meshbench.plugin.PluginRegistry;
import io.meshbench.testing.EventRecorder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Failover with a real shell agent as the winner, under mksh and toybox: the agent's whole process
 * group (listener, netcat, handlers and the model run) is killed with SIGKILL mid-task, as a phone
 * that dies; the orchestrator's heartbeats find it down and a Java device answers the prompt. The
 * detection time is printed (a measurement, not an assertion: see BENCHMARKS.md).
 */
class ShellAgentFailoverTest {

    @TempDir
    Path temp;

    private final EventBus bus = new EventBus();
    private final EventRecorder events = new EventRecorder();
    private final PluginRegistry plugins = PluginRegistry.fromClassPath();
    private LocalMesh mesh;
    private ShellAgent agent;

    @BeforeAll
    static void needsMkshAndToybox() throws Exception {
        AgentTools.require();
    }

    @AfterEach
    void stop() throws Exception {
        if (agent != null) {
            agent.close();
        }
        if (mesh != null) {
            mesh.close();
        }
    }

    @Test
    void aShellAgentWinnerKilledMidTaskIsFoundDownAndAnotherDeviceAnswers() throws Exception {
        bus.subscribe(events);
        DeviceConfig javaDevice = DeviceConfig.simulated("Device_C", false, 0.321, 0.45, 92)
                .withSlmConfig(Map.of("speed", 50));
        mesh = LocalMesh.start(bus, plugins, List.of(javaDevice), "Device_A",
                new Orchestrator(Orchestrator.Settings.DEFAULT, plugins.strategy("npu-first")));
        int port = ShellAgent.freePort();
        mesh.directory().put(new PeerDirectory.Peer("Device_B", "127.0.0.1", port));
        agent = ShellAgent.start(temp.resolve("Device_B"), ShellAgent.Spec.of("Device_B", true, 4520)
                .withSlm("sleep 30; echo too late"), port, mesh.directory().format());

        String task = mesh.orchestrator().call(o -> o.submit(PromptRequest.of("Describe a sunset"))).join();
        MeshEvent.TaskAssigned assigned = events.await(MeshEvent.TaskAssigned.class, e -> e.taskId().equals(task));
        assertEquals("Device_B", assigned.device(), "the NPU agent wins");
        events.await(MeshEvent.TaskAcknowledged.class, e -> e.taskId().equals(task), Duration.ofSeconds(10));
        agent.awaitLog(lines -> lines.stream().anyMatch(l -> l.contains("TASK_START\t" + task)));
        Thread.sleep(1_000); // a few heartbeats answered mid-task

        String pid = Files.readString(agent.dir().resolve("run/listener.pid")).trim().split("\\s+")[0];
        long killedAt = System.currentTimeMillis() * 1_000_000L;
        Process kill = new ProcessBuilder("kill", "-9", "--", "-" + pid).inheritIO().start();
        assertEquals(0, kill.waitFor(), "kill -9 of the agent's process group " + pid);

        MeshEvent.TaskCompleted done = events.await(MeshEvent.TaskCompleted.class, e -> e.taskId().equals(task),
                Duration.ofSeconds(60));
        assertEquals("Device_C", done.device());
        assertEquals("completed", done.status());
        MeshEvent.AttemptFailed failed = events.await(MeshEvent.AttemptFailed.class, e -> e.taskId().equals(task));
        assertEquals(FailureReason.PEER_DOWN, failed.reason(), failed.toString());
        MeshEvent.PeerStateChanged down = events.await(MeshEvent.PeerStateChanged.class,
                e -> e.peer().equals("Device_B") && e.state() == PeerState.DOWN);
        System.out.printf("MEASURED shell-agent winner kill -9: down after %.0f ms, answered by %s %.0f ms after the kill%n",
                (down.time() - killedAt) / 1e6, done.device(), (done.time() - killedAt) / 1e6);
    }
}
