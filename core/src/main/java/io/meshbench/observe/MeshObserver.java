package io.meshbench.observe;

import io.meshbench.event.MeshEvent;
import io.meshbench.protocol.BidRequest;
import io.meshbench.protocol.BidResponse;
import io.meshbench.protocol.Message;
import io.meshbench.runtime.MeshContext;
import io.meshbench.runtime.ProtocolHandler;

import java.time.Duration;

/**
 * A node that watches a mesh it does not drive. Over plain TCP a node sees only the lines sent to
 * it, so the observer records what reaches its own id (every line is a {@code MessageReceived} of
 * its runtime) and, when asked to probe, sends every peer a {@code BID_REQUEST} now and then: each
 * answer is a device's CPU, RAM, battery and NPU at that moment, published as a
 * {@link MeshEvent.MetricSampled} of that device, and a peer that cannot be reached is seen down.
 * It never sends a {@code TASK}, so a probe never makes a device work. Like every state machine it
 * does no I/O of its own.
 */
public final class MeshObserver implements ProtocolHandler {

    /** The task type of a probe, so that a device's log tells probes from real auctions. */
    public static final String PROBE_TYPE = "meshbench_probe";

    private final Duration probeEvery;
    private MeshContext ctx;
    private long probes;

    /** @param probeEvery how often to probe every peer; zero to only listen */
    public MeshObserver(Duration probeEvery) {
        if (probeEvery.isNegative()) {
            throw new IllegalArgumentException("the probe interval must not be negative, got " + probeEvery);
        }
        this.probeEvery = probeEvery;
    }

    @Override
    public void start(MeshContext context) {
        this.ctx = context;
        if (!probeEvery.isZero()) {
            ctx.post(this::probe);
        }
    }

    private void probe() {
        probes++;
        String taskId = "probe_" + probes + "_" + String.format("%08x", ctx.random().nextInt());
        for (String peer : ctx.peers()) {
            ctx.send(peer, new BidRequest(ctx.self(), taskId, PROBE_TYPE, "(MeshBench observer: a probe, no task follows)",
                    (int) Math.max(1, probeEvery.toSeconds())));
        }
        ctx.schedule(probeEvery, this::probe);
    }

    /** Probe rounds sent so far. */
    public long probes() {
        return probes;
    }

    @Override
    public void onMessage(Message message) {
        if (message instanceof BidResponse bid) {
            ctx.emit(new MeshEvent.MetricSampled(ctx.now(), bid.deviceId(), bid.cpuLoad().orElse(-1),
                    bid.ramLoad().orElse(-1), bid.battery().orElse(-1), -1));
        }
        // Any other line addressed to this id is in the record already, as its runtime's MessageReceived.
    }

    @Override
    public String role() {
        return "observer";
    }
}
