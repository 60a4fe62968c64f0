package io.meshbench.cli;

import io.meshbench.auction.Orchestrator;
import io.meshbench.event.EventBus;
import io.meshbench.live.LiveNode;
import io.meshbench.net.LineServer;
import io.meshbench.net.PeerDirectory;
import io.meshbench.plugin.PluginRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;

/** {@code meshbench orchestrate}: the interactive orchestrator against any mesh. */
@Command(name = "orchestrate", mixinStandardHelpOptions = true,
        description = "Runs the orchestrator against the mesh in a peers file: the prompt loop, or one --prompt.")
final class OrchestrateCommand implements Callable<Integer> {

    @Option(names = "--id", defaultValue = "Device_A", description = "The orchestrator's device id (default: ${DEFAULT-VALUE}).")
    String id;

    @Option(names = "--port", defaultValue = "9999", description = "Port for bids and results, 0 for a free one (default: ${DEFAULT-VALUE}); "
            + "the peers must reach this id at the address the peers file gives for it.")
    int port;

    @Option(names = "--host", defaultValue = "0.0.0.0", description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--peers", paramLabel = "FILE", required = true, description = "Peers file: DEVICE_ID HOST PORT (or HOST:PORT) a line.")
    Path peers;

    @Option(names = "--prompt", paramLabel = "TEXT", description = "Run one prompt and exit (exit code 1 when it fails) instead of the prompt loop.")
    String prompt;

    @Mixin
    AuctionOptions auction;

    @Mixin
    RecordOptions recording;

    @Mixin
    PluginOptions pluginOptions;

    @Override
    public Integer call() throws Exception {
        PeerDirectory directory = PeerDirectory.read(peers);
        PluginRegistry plugins = pluginOptions.registry(System.err);
        Orchestrator orchestrator = auction.orchestrator(plugins);
        EventBus bus = new EventBus();
        if (!auction.json) {
            bus.subscribe(new ConsoleView(System.out, id, auction.verbose));
        }
        try (AutoCloseable recorded = recording.start(bus, "orchestrate", java.util.Map.of("orchestrator", id,
                "strategy", auction.strategy, "peers", peers.toString()));
             LiveNode<Orchestrator> live = new LiveNode<>(id, orchestrator, directory, bus,
                new LiveNode.Options(host, port, LineServer.Limits.DEFAULT, Duration.ofSeconds(3), System.nanoTime())).start();
             PromptSession session = new PromptSession(live, directory, bus, System.out, auction.json)) {
            session.banner();
            if (prompt != null) {
                return session.run(auction.request(prompt)) ? 0 : 1;
            }
            return session.loop(auction::request) == 0 ? 0 : 1;
        }
    }
}
