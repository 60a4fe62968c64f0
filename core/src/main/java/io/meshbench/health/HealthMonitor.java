package io.meshbench.health;

import io.meshbench.event.PeerState;
import io.meshbench.plugin.api.PluginContext.Cancellable;
import io.meshbench.protocol.Heartbeat;
import io.meshbench.protocol.HeartbeatAck;
import io.meshbench.runtime.MeshContext;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Locale;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Liveness as state-machine logic: sends {@link Heartbeat}s through the node's context, feeds the
 * answers' arrival times to the {@link PhiAccrual} detector and moves each peer between
 * {@link PeerState}s, telling a {@link Listener}. It does no I/O of its own; the orchestrator and
 * the {@code meshbench health} probe each own one and hand it what they hear.
 *
 * <p>Heartbeats go only to peers that announced protocol v1 ({@code "mb": 1}; see
 * {@link MeshContext#extensionLevel}), unless the monitor is told to probe everyone. In a mesh of
 * more than {@link LivenessSettings#watchAllUpTo()} peers only the peers that matter are watched:
 * those running a task of ours ({@code busy}) and those not up (so that they can come back).
 */
public final class HealthMonitor {

    /** Hears of every change of a peer's state. */
    @FunctionalInterface
    public interface Listener {
        void onChange(String peer, PeerState from, PeerState to, String reason, PeerHealth.Snapshot snapshot);
    }

    /** Down peers are probed every this many heartbeat intervals, not every one. */
    private static final int DOWN_PROBE_EVERY = 4;

    private final LivenessSettings settings;
    private final Listener listener;
    private final Predicate<String> busy;
    private final boolean probeEveryone;
    private final Map<String, PeerHealth> peers = new LinkedHashMap<>();
    private MeshContext ctx;
    private Cancellable ticker;
    private long seq;

    /**
     * @param busy          whether a peer runs a task of ours now (always watched)
     * @param probeEveryone heartbeat every peer of the list, announced or not ({@code meshbench health})
     */
    public HealthMonitor(LivenessSettings settings, Listener listener, Predicate<String> busy, boolean probeEveryone) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.busy = Objects.requireNonNull(busy, "busy");
        this.probeEveryone = probeEveryone;
    }

    public LivenessSettings settings() {
        return settings;
    }

    public void start(MeshContext context) {
        this.ctx = context;
        if (probeEveryone) {
            for (String peer : ctx.peers()) {
                track(peer);
            }
        }
        ticker = ctx.schedule(settings.heartbeatInterval(), this::tick);
    }

    public void stop() {
        if (ticker != null) {
            ticker.cancel();
        }
    }

    /** The state of {@code peer}: {@link PeerState#UP} for a peer never heard of. */
    public PeerState state(String peer) {
        PeerHealth h = peers.get(peer);
        return h == null ? PeerState.UP : h.state;
    }

    /** Whether heartbeats go to {@code peer}: then its silence means something. */
    public boolean watched(String peer) {
        PeerHealth h = peers.get(peer);
        return h != null && watched(h);
    }

    private boolean watched(PeerHealth h) {
        if (!probeEveryone && ctx.extensionLevel(h.peer) < 1) {
            return false;
        }
        return probeEveryone || peers.size() <= settings.watchAllUpTo() || h.state != PeerState.UP || busy.test(h.peer);
    }

    /** Every peer known so far, as of now. */
    public List<PeerHealth.Snapshot> snapshot() {
        List<PeerHealth.Snapshot> out = new ArrayList<>(peers.size());
        for (PeerHealth h : peers.values()) {
            out.add(h.snapshot(ctx.now(), settings));
        }
        return out;
    }

    private PeerHealth track(String peer) {
        return peers.computeIfAbsent(peer, p -> new PeerHealth(p, ctx.now(), settings));
    }

    /** Anything arrived from {@code peer}: it is alive. */
    public void heard(String peer) {
        PeerHealth h = track(peer);
        h.lastHeard = ctx.now();
        switch (h.state) {
            case SUSPECT -> move(h, PeerState.UP, "heard from again");
            case DOWN -> move(h, PeerState.REJOINED, "heard from again after it was down");
            case UP, REJOINED -> {
            }
        }
    }

    /**
     * A heartbeat answer arrived (call {@link #heard} too). Returns whether the peer restarted since
     * its last answer: then it has lost whatever it was running.
     */
    public boolean onAck(HeartbeatAck ack) {
        PeerHealth h = track(ack.sender());
        long now = ctx.now();
        if (h.lastAck >= 0) {
            h.window.add(now - h.lastAck);
        }
        h.lastAck = now;
        h.lastHeard = now;
        if (ack.seq() == h.sentSeq) {
            h.rttNanos = now - h.sentAt;
        }
        boolean restarted = h.incarnation != null && !h.incarnation.equals(ack.incarnation());
        String before = h.incarnation;
        h.incarnation = ack.incarnation();
        if (restarted) {
            move(h, PeerState.REJOINED, "restarted (incarnation " + before + " is now " + ack.incarnation() + ")");
        } else if (h.state == PeerState.REJOINED && now - h.since >= 4 * settings.heartbeatInterval().toNanos()) {
            move(h, PeerState.UP, "answered steadily since it rejoined");
        }
        return restarted;
    }

    /** {@code peer} did not answer when it should have (a bid request, a TASK's ACK). */
    public void missed(String peer, String why) {
        PeerHealth h = track(peer);
        if (h.state.usable()) {
            move(h, PeerState.SUSPECT, why);
        }
    }

    /** A line to {@code peer} could not be delivered. */
    public void unreachable(String peer, String reason) {
        missed(peer, reason);
    }

    /** The detector's verdict on every watched peer, then heartbeats to them. */
    private void tick() {
        long now = ctx.now();
        long interval = settings.heartbeatInterval().toNanos();
        for (PeerHealth h : List.copyOf(peers.values())) {
            if (!watched(h)) {
                continue;
            }
            if (h.state != PeerState.DOWN) {
                double phi = PhiAccrual.phi(h.window, now - h.lastHeard, settings);
                if (phi >= settings.downPhi()) {
                    move(h, PeerState.DOWN, String.format(Locale.ROOT,
                            "no answer for %d ms (phi %.1f)", (now - h.lastHeard) / 1_000_000, Math.min(phi, 99)));
                } else if (phi >= settings.suspectPhi() && h.state.usable()) {
                    move(h, PeerState.SUSPECT, String.format(Locale.ROOT,
                            "late: no answer for %d ms (phi %.1f)", (now - h.lastHeard) / 1_000_000, phi));
                }
            }
            if (h.state == PeerState.DOWN && h.probeSkips++ % DOWN_PROBE_EVERY != 0) {
                continue;
            }
            h.sentSeq = ++seq;
            h.sentAt = now;
            ctx.send(h.peer, new Heartbeat(ctx.self(), h.sentSeq));
        }
        ticker = ctx.schedule(Duration.ofNanos(interval), this::tick);
    }

    private void move(PeerHealth h, PeerState to, String reason) {
        PeerState from = h.moveTo(to, ctx.now());
        h.probeSkips = 0;
        listener.onChange(h.peer, from, to, reason, h.snapshot(ctx.now(), settings));
    }

    /** Peers currently in {@code state}. */
    public Collection<String> peersIn(PeerState state) {
        List<String> out = new ArrayList<>();
        peers.values().forEach(h -> {
            if (h.state == state) {
                out.add(h.peer);
            }
        });
        return out;
    }
}
