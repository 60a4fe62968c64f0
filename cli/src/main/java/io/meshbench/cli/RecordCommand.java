package io.meshbench.cli;

import io.meshbench.event.EventBus;
import io.meshbench.event.MeshEvent;
import io.meshbench.live.LiveNode;
import io.meshbench.net.PeerDirectory;
import io.meshbench.observe.MeshObserver;
import io.meshbench.record.RecordingWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** {@code meshbench record --peers FILE --out OUT}: records a mesh MeshBench does not drive, as an observer. */
@Command(name = "record", mixinStandardHelpOptions = true,
        description = {"Records a mesh that MeshBench does not drive: joins it as an observer (--id, a line of the "
                + "peers file that the devices know too), records every line sent to that id and, with --probe, "
                + "every device's CPU, RAM, battery and NPU from a BID_REQUEST sent to it now and then (never a TASK).",
                "Over plain TCP a node sees only what is sent to it: auctions between other nodes are not seen "
                        + "(record on the orchestrator with `orchestrate --record` for those)."})
final class RecordCommand implements Callable<Integer> {

    @Option(names = "--peers", paramLabel = "FILE", required = true, description = "The mesh's peers file.")
    Path peers;

    @Option(names = "--out", paramLabel = "FILE", required = true, description = "The recording to write (JSON Lines).")
    Path out;

    @Option(names = "--id", paramLabel = "ID", defaultValue = "Observer",
            description = "The id to listen as; its line in the peers file gives the port (default: ${DEFAULT-VALUE}).")
    String id;

    @Option(names = "--probe", paramLabel = "SECONDS", defaultValue = "0",
            description = "Ask every device for a bid this often, to record its metrics (default: 0, only listen).")
    double probe;

    @Option(names = "--duration", paramLabel = "SECONDS", defaultValue = "0",
            description = "Stop after this long (default: 0, until Ctrl-C).")
    double duration;

    @picocli.CommandLine.Mixin
    SecurityOptions security;

    @Override
    public Integer call() throws Exception {
        io.meshbench.security.NodeSecurity linkSecurity = security.resolve("record", id);
        if (probe < 0 || !Double.isFinite(probe) || (probe > 0 && probe < 0.05)) {
            throw new IllegalArgumentException("--probe must be 0 (only listen) or at least 0.05 seconds, got " + probe);
        }
        if (duration < 0 || !Double.isFinite(duration)) {
            throw new IllegalArgumentException("--duration must be 0 (until Ctrl-C) or more seconds, got " + duration);
        }
        PeerDirectory directory = PeerDirectory.read(peers);
        PeerDirectory.Peer self = directory.find(id).orElseThrow(() -> new IllegalArgumentException("peers file " + peers
                + " has no line for " + id + "; add \"" + id + " HOST PORT\" (where the devices can reach this machine) "
                + "to it and to the devices' own peer lists, so that they can answer, or pick another id with --id"));
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("command", "record");
        metadata.put("peers", peers.toString());
        metadata.put("observer", id);
        metadata.put("probe_s", String.valueOf(probe));
        metadata.put("meshbench", "0.1.0");
        metadata.put("security", linkSecurity.describe());
        EventBus bus = new EventBus();
        RecordingWriter writer = RecordingWriter.open(out, metadata);
        AtomicLong received = new AtomicLong();
        Map<String, Integer> rejected = io.meshbench.report.RejectionKind.newCounts();
        bus.subscribe(writer);
        bus.subscribe(e -> {
            if (e instanceof MeshEvent.MessageReceived) {
                received.incrementAndGet();
            } else if (e instanceof MeshEvent.InputRejected r) {
                synchronized (rejected) {
                    io.meshbench.report.RejectionKind.tally(rejected, r.reason());
                }
            }
        });
        LiveNode.Options options = LiveNode.Options.listen(self.port()).host(security.host()).security(linkSecurity).build();
        MeshObserver observer = new MeshObserver(Duration.ofNanos((long) (probe * 1e9)));
        LiveNode<MeshObserver> node = new LiveNode<>(id, observer, directory, bus, options).start();
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            finish(node, writer, received, rejected);
            stopped.countDown();
        }, "meshbench-record-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        SecurityOptions.announce(System.err, id, node.listenAddress(), linkSecurity);
        System.err.printf("meshbench: recording the mesh of %s as %s on port %d to %s (%s); %s%n", peers, id, node.port(),
                out, probe > 0 ? "probing every " + probe + " s" : "listening only",
                duration > 0 ? "for " + duration + " s" : "Ctrl-C stops");
        if (duration > 0) {
            stopped.await((long) (duration * 1e9), TimeUnit.NANOSECONDS);
        } else {
            stopped.await();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            return 0; // the hook finishes the file
        }
        finish(node, writer, received, rejected);
        return writer.failure().isPresent() ? 1 : 0;
    }

    private static synchronized void finish(LiveNode<MeshObserver> node, RecordingWriter writer, AtomicLong received,
                                            Map<String, Integer> rejected) {
        node.close();
        try {
            writer.close();
            System.err.printf("meshbench: recorded %d events (%d lines received, %d probe rounds) to %s%n",
                    writer.written(), received.get(), node.handler().probes(), writer.file());
            synchronized (rejected) {
                if (!rejected.isEmpty()) {
                    System.err.println("meshbench: rejected inputs, by kind: " + rejected.entrySet().stream()
                            .map(e -> e.getKey() + " " + e.getValue()).collect(java.util.stream.Collectors.joining(", ")));
                }
            }
        } catch (IOException e) {
            System.err.println("meshbench: " + e.getMessage());
        }
    }
}
