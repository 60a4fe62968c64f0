package io.meshbench.bench.mesh;

import io.meshbench.auction.NpuFirstStrategy;
import io.meshbench.auction.Orchestrator;
import io.meshbench.auction.PromptRequest;
import io.meshbench.event.EventBus;
import io.meshbench.live.LiveNode;
import io.meshbench.net.PeerDirectory;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;

/** The orchestrator side of every live benchmark mesh: a real {@link LiveNode} on a TCP port, and its round trips. */
final class LiveOrchestrator implements AutoCloseable {

    final EventBus bus = new EventBus();
    final PeerDirectory directory;
    private final Pending pending = new Pending();
    private final LiveNode<Orchestrator> node;

    LiveOrchestrator(PeerDirectory directory, String id, String host, int port) throws IOException {
        this(directory, id, host, port, io.meshbench.security.NodeSecurity.insecure());
    }

    LiveOrchestrator(PeerDirectory directory, String id, String host, int port,
                     io.meshbench.security.NodeSecurity security) throws IOException {
        this.directory = directory;
        bus.subscribe(pending);
        node = new LiveNode<>(id, new Orchestrator(Orchestrator.Settings.SEED, new NpuFirstStrategy()), directory, bus,
                LiveNode.Options.listen(port).host(host).seed(1).security(security)
                        // On loopback every device connects from 127.0.0.1: the default 256 connections per
                        // address refused most of a 1,000-peer mesh's bids, and every auction waited out its 10 s.
                        .limits(java.net.InetAddress.getByName(host).isLoopbackAddress()
                                ? io.meshbench.net.LineServer.Limits.LOCAL : io.meshbench.net.LineServer.Limits.DEFAULT)
                        .build()).start();
    }

    int port() {
        return node.port();
    }

    CompletableFuture<String> submit(BenchMesh.Phase phase) {
        CompletableFuture<String> answer = new CompletableFuture<>();
        node.call(o -> {
            pending.await(o.submit(PromptRequest.of(Devices.PROMPT)), phase, answer);
            return null;
        }).whenComplete((ignored, failure) -> {
            if (failure != null) {
                answer.completeExceptionally(failure);
            }
        });
        return answer;
    }

    @Override
    public void close() {
        node.close();
        pending.abandon("the mesh closed");
    }
}
