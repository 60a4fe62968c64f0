package io.meshbench.health;

import io.meshbench.event.PeerState;
import java.util.EnumMap;
import java.util.Map;

/**
 * What one node knows of one peer's health: its state and since when, when it was last heard from,
 * its heartbeat intervals and round trip, how often it went down, and how long it spent in each
 * state. Plain data, changed only by {@link HealthMonitor} on the node's own thread.
 */
public final class PeerHealth {

    final String peer;
    final ArrivalWindow window;
    PeerState state = PeerState.UP;
    long since;
    long lastHeard;
    long lastAck = -1;
    long rttNanos = -1;
    long sentSeq = -1;
    long sentAt;
    int failures;
    int probeSkips;
    String incarnation;
    final EnumMap<PeerState, Long> timeIn = new EnumMap<>(PeerState.class);

    PeerHealth(String peer, long now, LivenessSettings settings) {
        this.peer = peer;
        this.since = now;
        this.lastHeard = now;
        this.window = new ArrivalWindow(settings.windowSize(), settings.heartbeatInterval().toNanos());
    }

    /** Moves to {@code next}; returns the state it left. */
    PeerState moveTo(PeerState next, long now) {
        PeerState previous = state;
        timeIn.merge(previous, now - since, Long::sum);
        state = next;
        since = now;
        if (next == PeerState.DOWN) {
            failures++;
        }
        return previous;
    }

    /** A copy for a view or a table, as of {@code now}. */
    public Snapshot snapshot(long now, LivenessSettings settings) {
        Map<PeerState, Long> times = new EnumMap<>(PeerState.class);
        for (PeerState s : PeerState.values()) {
            times.put(s, timeIn.getOrDefault(s, 0L) + (s == state ? now - since : 0));
        }
        double phi = lastAck < 0 ? 0 : PhiAccrual.phi(window, now - lastHeard, settings);
        return new Snapshot(peer, state, since, lastHeard, rttNanos, failures, times, phi, incarnation);
    }

    /**
     * @param peer        the peer's id
     * @param state       its state now
     * @param since       when it entered that state (ns since the epoch)
     * @param lastHeard   when anything last arrived from it
     * @param rttNanos    the last heartbeat's round trip, -1 before the first
     * @param failures    how many times it went down
     * @param timeInState nanoseconds spent in each state so far
     * @param phi         the failure detector's suspicion now
     * @param incarnation the agent's incarnation, null before its first heartbeat answer
     */
    public record Snapshot(String peer, PeerState state, long since, long lastHeard, long rttNanos, int failures,
                           Map<PeerState, Long> timeInState, double phi, String incarnation) {
        public Snapshot {
            timeInState = Map.copyOf(timeInState);
        }
    }
}
