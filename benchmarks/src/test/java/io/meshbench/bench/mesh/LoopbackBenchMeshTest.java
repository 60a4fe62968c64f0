package io.meshbench.bench.mesh;

import io.meshbench.event.ClosedBy;
import io.meshbench.event.MeshEvent;
import io.meshbench.plugin.PluginRegistry;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LoopbackBenchMeshTest {

    /**
     * Every device of a loopback mesh connects to the orchestrator from 127.0.0.1: more of them than the
     * default limit of connections per address (256) must all be heard, so that bidding closes on the
     * last bid instead of waiting out the bid timeout.
     */
    @Test
    void moreDevicesThanThePerAddressLimitAllBid() throws Exception {
        int peers = 300;
        try (LoopbackBenchMesh mesh = new LoopbackBenchMesh(peers, PluginRegistry.fromClassPath())) {
            LiveOrchestrator orchestrator = mesh.orchestrator();
            List<MeshEvent.AuctionClosed> closed = new CopyOnWriteArrayList<>();
            List<MeshEvent.InputRejected> refused = new CopyOnWriteArrayList<>();
            orchestrator.bus.subscribe(e -> {
                if (e instanceof MeshEvent.AuctionClosed c) {
                    closed.add(c);
                } else if (e instanceof MeshEvent.InputRejected r) {
                    refused.add(r);
                }
            });
            mesh.submit(BenchMesh.Phase.AUCTION).get(60, TimeUnit.SECONDS);
            assertTrue(refused.isEmpty(), "refused: " + refused.stream().limit(3).toList());
            assertEquals(1, closed.size());
            assertEquals(ClosedBy.ALL_BIDS, closed.getFirst().closedBy(), "bidding closed on the last of " + peers + " bids");
            assertEquals(peers, closed.getFirst().bids().size());
        }
    }
}
