package io.meshbench.app.mesh;

import io.meshbench.auction.Orchestrator;
import io.meshbench.auction.PromptRequest;
import io.meshbench.event.EventBus;
import io.meshbench.event.MeshEvent;
import io.meshbench.live.LocalMesh;
import io.meshbench.node.DeviceConfig;
import io.meshbench.plugin.PluginRegistry;
import io.meshbench.protocol.BidRequest;
import io.meshbench.protocol.MessageDecoder;
import io.meshbench.protocol.MessageEncoder;
import io.meshbench.protocol.ProtocolException;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs two auctions on a mesh of three simulated devices before a big mesh starts: one that
 * completes, and one with a device down (the unreachable path), then closes it.
 *
 * <p>Why: a node runs on virtual threads, and a virtual thread that waits for a class to be loaded
 * or initialised by another thread holds its carrier (JDK 21 to 25 cannot unmount it there). When
 * a hundred nodes start at once they all reach the same first-use classes together (the JSON
 * parser, the socket's proxy selector, the event records), every carrier ends up waiting, and the
 * window's thread, loading its own classes behind the same class-loading locks, stalls with them.
 * Recorded with JFR as {@code jdk.VirtualThreadPinned}: "Waited for initialization of
 * com.fasterxml.jackson.core.json.ReaderBasedJsonParser by another thread", "... of
 * java.net.ProxySelector ...", and contended class-loading monitors. After this warm-up every class
 * on a node's path is loaded and initialised, on three nodes' threads, so the big mesh starts
 * without any of those waits.
 */
public final class Warmup {

    private static final Duration LIMIT = Duration.ofSeconds(10);

    private Warmup() {
    }

    /**
     * Runs the warm-up auctions; returns how many of the two ended (completed or failed) within the
     * time limit. Never throws for a mesh problem: a warm-up that cannot run only costs the speed-up.
     */
    public static int run(PluginRegistry plugins) {
        try { // the JSON parser first, on this platform thread, before even three nodes meet it at once
            new MessageDecoder().decode(new MessageEncoder().encode(new BidRequest("Warmup_A", "task_0", "slm_inference",
                    "warm up", 10)));
        } catch (ProtocolException e) {
            throw new IllegalStateException("the protocol cannot read its own bid request", e);
        }
        EventBus bus = new EventBus();
        AtomicInteger ended = new AtomicInteger();
        CountDownLatch[] latches = {new CountDownLatch(1), new CountDownLatch(1)};
        bus.subscribe(e -> {
            if (e instanceof MeshEvent.TaskCompleted || e instanceof MeshEvent.TaskFailed) {
                ended.incrementAndGet();
                latches[Math.min(1, ended.get() - 1)].countDown();
            }
        });
        List<DeviceConfig> devices = LocalMesh.seedDevices().stream()
                .map(d -> d.withSlmConfig(Map.of("speed", 1000.0, "max_tokens", 4))).toList();
        Orchestrator orchestrator = new Orchestrator(new Orchestrator.Settings(Duration.ofSeconds(2), LIMIT),
                plugins.strategy("npu-first"));
        try (LocalMesh mesh = LocalMesh.start(bus, plugins, devices, "Warmup_A", orchestrator)) {
            mesh.orchestrator().call(o -> o.submit(PromptRequest.of("warm up"))).join();
            latches[0].await(LIMIT.toMillis(), TimeUnit.MILLISECONDS);
            mesh.kill("Device_C");
            mesh.orchestrator().call(o -> o.submit(PromptRequest.of("warm up, one device down"))).join();
            latches[1].await(LIMIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException e) {
            System.err.println("meshbench: the warm-up mesh did not run (" + e + "); starting without it");
        }
        return ended.get();
    }
}
