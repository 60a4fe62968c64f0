package io.meshbench.app.health;

import io.meshbench.event.MeshEvent;
import io.meshbench.event.PeerState;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The Health view's model, fed events as the window's bridge feeds it, without a toolkit. */
class HealthControllerTest {

    static final long S = 1_000_000_000L;

    @Test
    void statesTimesRoundTripAndFailuresFollowTheEvents() {
        HealthController health = new HealthController("Device_A");
        health.onEvents(List.of(
                new MeshEvent.MessageReceived(0, "Device_A", "Device_B", "BID_RESPONSE", "t", ""),
                new MeshEvent.MessageReceived(0, "Device_A", "Device_C", "BID_RESPONSE", "t", ""),
                new MeshEvent.MessageReceived(0, "Device_C", "Device_A", "TASK", "t", ""), // another node's: not a peer row
                new MeshEvent.PeerStateChanged(6 * S, "Device_A", "Device_B", PeerState.SUSPECT, PeerState.UP,
                        "late", 2_500_000, 0),
                new MeshEvent.PeerStateChanged(8 * S, "Device_A", "Device_B", PeerState.DOWN, PeerState.SUSPECT,
                        "no answer for 1600 ms (phi 8.3)", 2_500_000, 1),
                new MeshEvent.MessageReceived(10 * S, "Device_A", "Device_C", "RESULT", "t", "")));
        List<HealthRow> rows = health.rows();
        assertEquals(List.of("Device_B", "Device_C"), rows.stream().map(r -> r.peer).toList());
        HealthRow b = rows.get(0);
        assertEquals("down", b.state.get());
        assertEquals("2.0 s", b.since.get());
        assertEquals("10.0 s ago", b.lastSeen.get());
        assertEquals("2.5 ms", b.rtt.get());
        assertEquals("1", b.failures.get());
        assertEquals("up 60%  suspect 20%  down 20%", b.timeInStates.get());
        assertEquals("no answer for 1600 ms (phi 8.3)", b.reason.get());
        HealthRow c = rows.get(1);
        assertEquals("up", c.state.get());
        assertEquals("0.0 s ago", c.lastSeen.get());
    }
}
