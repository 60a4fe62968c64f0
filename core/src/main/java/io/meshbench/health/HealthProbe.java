package io.meshbench.health;

import io.meshbench.event.PeerState;
import io.meshbench.event.MeshEvent;
import io.meshbench.protocol.HeartbeatAck;
import io.meshbench.protocol.Message;
import io.meshbench.runtime.MeshContext;
import io.meshbench.runtime.ProtocolHandler;

import java.util.List;

/**
 * A node that only watches: it heartbeats every peer of its list (announced or not: probing is what
 * it is for; a seed agent logs the unknown type and ignores it) and reports their health, for
 * {@code meshbench health}. It takes part in no auction.
 */
public final class HealthProbe implements ProtocolHandler {

    private final HealthMonitor monitor;
    private MeshContext ctx;

    public HealthProbe(LivenessSettings settings) {
        this.monitor = new HealthMonitor(settings, this::changed, peer -> false, true);
    }

    @Override
    public String role() {
        return "monitor";
    }

    @Override
    public void start(MeshContext context) {
        this.ctx = context;
        monitor.start(context);
    }

    @Override
    public void onMessage(Message message) {
        if (!ctx.isPeer(message.sender())) {
            return;
        }
        monitor.heard(message.sender());
        if (message instanceof HeartbeatAck ack) {
            monitor.onAck(ack);
        }
    }

    @Override
    public void onDeliveryFailed(String peer, Message message, String reason) {
        monitor.unreachable(peer, "unreachable: " + reason);
    }

    /** Every peer of the list, as of now. Call on the node's thread. */
    public List<PeerHealth.Snapshot> snapshot() {
        return monitor.snapshot();
    }

    private void changed(String peer, PeerState from, PeerState to, String reason, PeerHealth.Snapshot snapshot) {
        ctx.emit(new MeshEvent.PeerStateChanged(ctx.now(), ctx.self(), peer, to, from, reason, snapshot.rttNanos(),
                snapshot.failures()));
    }

    @Override
    public void stop() {
        monitor.stop();
    }
}
