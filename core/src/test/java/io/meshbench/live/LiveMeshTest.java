package io.meshbench.live;

import io.meshbench.auction.Orchestrator;
import io.meshbench.auction.PromptRequest;
import io.meshbench.event.EventBus;
import io.meshbench.event.MeshEvent;
import io.meshbench.node.DeviceConfig;
import io.meshbench.plugin.PluginRegistry;
import io.meshbench.testing.EventRecorder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Whole meshes over real TCP on loopback, in this JVM. */
class LiveMeshTest {

    private final EventBus bus = new EventBus();
    private final EventRecorder events = new EventRecorder();
    private LocalMesh mesh;

    private static List<DeviceConfig> fastSeedDevices() {
        return LocalMesh.seedDevices().stream().map(d -> d.withSlmConfig(Map.of("speed", 50))).toList();
    }

    private LocalMesh start(List<DeviceConfig> devices, Orchestrator.Settings settings) throws Exception {
        bus.subscribe(events);
        PluginRegistry plugins = PluginRegistry.fromClassPath();
        mesh = LocalMesh.start(bus, plugins, devices, "Device_A",
                new Orchestrator(settings, plugins.strategy("npu-first")));
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
    void seedMeshRunsAPromptRoundTrip() throws Exception {
        start(fastSeedDevices(), Orchestrator.Settings.SEED);
        String task = submit("Describe a beautiful sunset over the ocean");

        MeshEvent.AuctionClosed closed = events.await(MeshEvent.AuctionClosed.class, e -> e.taskId().equals(task));
        assertEquals(io.meshbench.event.ClosedBy.ALL_BIDS, closed.closedBy(), "both peers answered, so bidding closes before the deadline");
        assertEquals("Device_B", closed.selection().winner().deviceId());
        assertEquals("NPU Priority", closed.selection().rule());
        assertEquals(List.of("Device_B", "Device_C"), closed.bids().stream().map(b -> b.deviceId()).toList());

        MeshEvent.TaskCompleted done = events.await(MeshEvent.TaskCompleted.class, e -> e.taskId().equals(task));
        assertEquals("Device_B", done.device());
        assertEquals("completed", done.status());
        assertTrue(done.output().startsWith("[simulated] "), done.output());
        assertTrue(done.timing().bidding() < Duration.ofSeconds(10).toNanos(), "closed early: " + done.timing());
        assertTrue(done.timing().total() >= done.timing().bidding() + done.timing().execution());

        // What crossed the wire, as the devices saw it.
        MeshEvent.MessageReceived taskLine = events.await(MeshEvent.MessageReceived.class,
                e -> e.node().equals("Device_B") && e.type().equals("TASK"));
        assertTrue(taskLine.line().contains("\"use_npu\": true, \"prompt_type\": \"npu_prompt\""), taskLine.line());
    }

    @Test
    void severalTasksInFlightEachGetTheirOwnResult() throws Exception {
        start(fastSeedDevices(), Orchestrator.Settings.SEED);
        List<String> tasks = List.of(submit("one"), submit("two"), submit("three"));
        for (String task : tasks) {
            MeshEvent.TaskCompleted done = events.await(MeshEvent.TaskCompleted.class, e -> e.taskId().equals(task));
            assertEquals("completed", done.status());
        }
        assertEquals(3, events.all(MeshEvent.TaskCompleted.class).size());
        assertEquals(0, mesh.orchestrator().call(Orchestrator::inFlight).join());
    }

    @Test
    void aStoppedDeviceIsSkippedWithoutWaitingForTheDeadline() throws Exception {
        start(fastSeedDevices(), new Orchestrator.Settings(Duration.ofSeconds(30), Duration.ofSeconds(30)));
        mesh.devices().get(0).close(); // Device_B, the NPU phone, goes away
        String task = submit("still there?");
        MeshEvent.AuctionClosed closed = events.await(MeshEvent.AuctionClosed.class, e -> e.taskId().equals(task));
        assertEquals("Device_C", closed.selection().winner().deviceId());
        assertEquals("CPU Fallback", closed.selection().rule());
        events.await(MeshEvent.DeliveryFailed.class, e -> e.peer().equals("Device_B") && e.type().equals("BID_REQUEST"));
        MeshEvent.TaskCompleted done = events.await(MeshEvent.TaskCompleted.class, e -> e.taskId().equals(task));
        assertEquals("Device_C", done.device());
        assertTrue(done.timing().bidding() < Duration.ofSeconds(30).toNanos());
    }

    @Test
    void noBidsWithinTheDeadlineFailsTheTaskWithAReason() throws Exception {
        start(fastSeedDevices(), new Orchestrator.Settings(Duration.ofMillis(300), Duration.ofSeconds(5)));
        mesh.devices().forEach(LiveNode::close);
        String task = submit("anyone?");
        MeshEvent.TaskFailed failed = events.await(MeshEvent.TaskFailed.class, e -> e.taskId().equals(task));
        assertTrue(failed.reason().contains("no peer could be reached") || failed.reason().contains("no bids"),
                failed.reason());
        assertNotEquals(-1, failed.timing().total());
    }
}
