package io.meshbench.cli;

import io.meshbench.auction.Orchestrator;
import io.meshbench.event.EventBus;
import io.meshbench.live.LiveNode;
import io.meshbench.net.PeerDirectory;
import io.meshbench.plugin.PluginRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
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

    @Mixin
    SecurityOptions security;

    @Option(names = "--peers", paramLabel = "FILE", description = "Peers file: DEVICE_ID HOST PORT (or HOST:PORT) a line "
            + "(meshbench setup writes ~/.mesh_peers: the phones as this laptop reaches them).")
    Path peers;

    @Option(names = "--on", paramLabel = "DEVICE", description = "Run the orchestrator on that phone (the original "
            + "run_orchestrator.sh) instead of here: needs a JDK 21+ that adb shell can run; says what to do otherwise.")
    String on;

    @Mixin
    AdbOptions adbOptions;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--prompt", paramLabel = "TEXT", description = "Run one prompt and exit (exit code 1 when it fails) instead of the prompt loop.")
    String prompt;

    @Mixin
    AuctionOptions auction;

    @Mixin
    RecordOptions recording;

    @Mixin
    PluginOptions pluginOptions;

    @Mixin
    HistoryOptions historyOptions;

    @Override
    public Integer call() throws Exception {
        if (on != null) {
            return new PhoneOrchestrator(adbOptions).run(on, passedOn());
        }
        if (peers == null) {
            throw new IllegalArgumentException("orchestrate needs --peers FILE (the mesh's addresses; meshbench setup "
                    + "writes ~/.mesh_peers), or --on DEVICE to run it on a phone");
        }
        io.meshbench.security.NodeSecurity linkSecurity = security.resolve("orchestrate", id);
        PeerDirectory directory = PeerDirectory.read(peers);
        PluginRegistry plugins = pluginOptions.registry(System.err);
        Orchestrator orchestrator = auction.orchestrator(plugins);
        EventBus bus = new EventBus();
        if (!auction.json) {
            bus.subscribe(new ConsoleView(System.out, id, auction.verbose));
        }
        try (AutoCloseable recorded = recording.start(bus, "orchestrate", java.util.Map.of("orchestrator", id,
                "strategy", auction.strategy, "peers", peers.toString(), "security", linkSecurity.describe()));
             AutoCloseable kept = historyOptions.start(bus, orchestrator);
             LiveNode<Orchestrator> live = new LiveNode<>(id, orchestrator, directory, bus,
                LiveNode.Options.listen(port).host(security.host()).security(linkSecurity).build()).start();
             PromptSession session = new PromptSession(live, directory, bus, System.out, auction.json)) {
            // phones on USB only (setup --usb) are reached through adb forward: see LiveNode.keepConnectionTo
            adbOptions.deviceMap().entries().stream().filter(e -> e.via() > 0)
                    .filter(e -> directory.find(e.deviceId()).map(p -> p.port() == e.via()).orElse(false))
                    .forEach(e -> live.keepConnectionTo(e.deviceId()));
            if (!auction.json) { // --json prints the tasks' JSON lines only
                SecurityOptions.announce(System.out, id, live.listenAddress(), linkSecurity);
            }
            session.banner();
            if (prompt != null) {
                return session.run(auction.request(prompt)) ? 0 : 1;
            }
            return session.loop(auction::request) == 0 ? 0 : 1;
        }
    }

    /** This command's arguments for the orchestrator on the phone: less what names the phone, the laptop's adb and the mesh's addresses. */
    private java.util.List<String> passedOn() {
        java.util.Set<String> dropped = java.util.Set.of("--on", "--adb", "--adb-port", "--map", "--id", "--port",
                "--peers", "--host", "--mesh");
        java.util.List<String> args = spec.commandLine().getParseResult().originalArgs();
        java.util.List<String> out = new java.util.ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            String name = a.contains("=") ? a.substring(0, a.indexOf('=')) : a;
            if (dropped.contains(name)) {
                i += a.contains("=") ? 0 : 1;
            } else {
                out.add(a);
            }
        }
        return out;
    }
}
