package io.meshbench.bench.mesh;

import io.meshbench.event.ClosedBy;
import io.meshbench.event.MeshEvent;
import io.meshbench.plugin.PluginRegistry;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CompletableFuture;
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
            CompletableFuture<MeshEvent.AuctionClosed> closed = new CompletableFuture<>();
            List<MeshEvent.InputRejected> refused = new CopyOnWriteArrayList<>();
            orchestrator.bus.subscribe(e -> {
                if (e instanceof MeshEvent.AuctionClosed c) {
                    closed.complete(c);
                } else if (e instanceof MeshEvent.InputRejected r) {
                    refused.add(r);
                }
            });
            mesh.submit(BenchMesh.Phase.AUCTION).get(60, TimeUnit.SECONDS);
            // the mesh's own subscriber answers the round trip first, on the publishing thread: this test's hears
            // the same event just after, so it is waited for, not read at once
            MeshEvent.AuctionClosed c = closed.get(10, TimeUnit.SECONDS);
            assertTrue(refused.isEmpty(), "refused: " + refused.stream().limit(3).toList());
            assertEquals(ClosedBy.ALL_BIDS, c.closedBy(), "bidding closed on the last of " + peers + " bids");
            assertEquals(peers, c.bids().size());
        }
    }
}
