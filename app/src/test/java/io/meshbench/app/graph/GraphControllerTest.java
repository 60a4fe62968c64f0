package io.meshbench.app.graph;

import io.meshbench.live.MeshSession;
import io.meshbench.app.AuctionEvents;
import io.meshbench.event.MeshEvent;
import io.meshbench.plugin.api.Bid;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalInt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The mesh graph's model, without the toolkit. */
class GraphControllerTest {

    private final GraphController graph = new GraphController(List.of(new MeshSession.Device("Device_A", null, true, true),
            new MeshSession.Device("Device_B", true, false, true), new MeshSession.Device("Device_C", false, false, true)), () -> 0L);

    private DeviceSnapshot device(String id) {
        return graph.devices().stream().filter(d -> d.id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void showsMetricsTheWinnerAndEveryMessageInFlight() {
        graph.onEvents(List.of(new MeshEvent.MetricSampled(1, "Device_C", 0.321, 0.45, 92, 0)));
        assertEquals(0.321, device("Device_C").cpuLoad());
        assertEquals(92, device("Device_C").battery());
        assertTrue(device("Device_A").orchestrator());
        graph.onEvents(AuctionEvents.won("task_1", 0));
        assertTrue(device("Device_B").winner());
        assertFalse(device("Device_C").winner());
        assertEquals(4, graph.flightsInAir(), "the latest message on each edge and direction (A→B, A→C, B→A, "
                + "C→A); receipts of local nodes add none");
    }

    @Test
    void aPhoneSeenThroughItsLogShowsTheLoadsOfItsBids() {
        // a phone's agent log starts it (NodeStarted, role shell-agent) but it reports no metric samples
        graph.onEvents(List.of(new MeshEvent.NodeStarted(1, "Phone_1", "shell-agent", "9999")));
        graph.onEvents(List.of(new MeshEvent.BidAccepted(2, "Device_A", "task_1", new Bid("Phone_1",
                OptionalDouble.of(0.5), OptionalDouble.of(0.4), OptionalInt.of(70), false))));
        assertEquals(0.5, device("Phone_1").cpuLoad());
        assertEquals(70, device("Phone_1").battery());
        graph.onEvents(List.of(new MeshEvent.MetricSampled(3, "Device_B", 0.2, 0.3, 50, 0),
                new MeshEvent.BidAccepted(4, "Device_A", "task_1", AuctionEvents.B)));
        assertEquals(0.2, device("Device_B").cpuLoad(), "a device of this process shows its own samples, not its bid's");
    }

    @Test
    void aStoppedOrUnreachableDeviceIsGreyedAndComesBack() {
        graph.onEvents(List.of(new MeshEvent.NodeStopped(1, "Device_C")));
        assertTrue(device("Device_C").greyed());
        assertEquals(1, graph.greyedCountProperty().get());
        graph.onEvents(List.of(new MeshEvent.NodeStarted(2, "Device_C", "device", "127.0.0.1:1")));
        assertFalse(device("Device_C").greyed());
        graph.onEvents(List.of(new MeshEvent.DeliveryFailed(3, "Device_A", "Device_B", "BID_REQUEST", "t", "refused")));
        assertTrue(device("Device_B").greyed());
    }

    @Test
    void aHeartbeatThatFailedWhileTheDeviceWasAwayDoesNotGreyItOnceItIsBack() {
        graph.onEvents(List.of(new MeshEvent.NodeStopped(1, "Device_C"),
                new MeshEvent.PeerStateChanged(2, "Device_A", "Device_C", io.meshbench.event.PeerState.DOWN,
                        io.meshbench.event.PeerState.SUSPECT, "no heartbeat answered", -1, 3),
                new MeshEvent.NodeStarted(3, "Device_C", "device", "127.0.0.1:1"),
                new MeshEvent.PeerStateChanged(4, "Device_A", "Device_C", io.meshbench.event.PeerState.REJOINED,
                        io.meshbench.event.PeerState.DOWN, "answered again", 100_000, 0),
                // reported after the device came back: a heartbeat sent while it was away
                new MeshEvent.DeliveryFailed(5, "Device_A", "Device_C", "HEARTBEAT", null, "refused")));
        assertFalse(device("Device_C").greyed(), "heartbeats are the failure detector's to judge");
        graph.onEvents(List.of(new MeshEvent.PeerStateChanged(6, "Device_A", "Device_C", io.meshbench.event.PeerState.DOWN,
                io.meshbench.event.PeerState.REJOINED, "no heartbeat answered", -1, 3)));
        assertFalse(device("Device_C").greyed(), "a node of this process that runs is up: its own start says so");
        graph.onEvents(List.of(new MeshEvent.PeerStateChanged(7, "Device_A", "Phone_1", io.meshbench.event.PeerState.DOWN,
                io.meshbench.event.PeerState.UP, "no heartbeat answered", -1, 3)));
        assertTrue(device("Phone_1").greyed(), "the detector's down greys a device of another process");
    }

    @Test
    void flightsAreKeptPerEdgeSoABusyMeshAnimatesABoundedNumber() {
        for (int i = 0; i < 200; i++) {
            graph.onEvents(AuctionEvents.won("task_" + i, 0));
        }
        assertEquals(4, graph.flightsInAir(), "200 auctions on three devices: still one flight per directed edge");
        for (int i = 0; i < GraphModel.MAX_FLIGHTS + 100; i++) {
            graph.onEvents(List.of(new MeshEvent.MessageSent(i, "Device_A", "Phone_" + i, "BID_REQUEST", "t", "x")));
        }
        assertEquals(GraphModel.MAX_FLIGHTS, graph.flightsInAir(), "a mesh of ever new ids is capped");
    }
}
