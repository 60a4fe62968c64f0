package io.meshbench.cli;

import io.meshbench.event.EventBus;
import io.meshbench.live.LocalMesh;
import io.meshbench.plugin.PluginRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;

/** {@code meshbench demo}: the original design's three devices on loopback, and its console. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Starts Device_A (orchestrator), Device_B (NPU) and Device_C (CPU only) as simulated nodes "
                + "on free loopback ports, then the orchestrator's interactive console.",
                "Input may be piped: printf 'Describe a sunset\\nexit\\n' | meshbench demo"})
final class DemoCommand implements Callable<Integer> {

    @Mixin
    AuctionOptions auction;

    @Mixin
    RecordOptions recording;

    @Mixin
    PluginOptions pluginOptions;

    @Option(names = "--prompt", paramLabel = "TEXT", description = "Run one prompt and exit instead of the prompt loop.")
    String prompt;

    @Override
    public Integer call() throws Exception {
        PluginRegistry plugins = pluginOptions.registry(System.err);
        EventBus bus = new EventBus();
        if (!auction.json) {
            bus.subscribe(new ConsoleView(System.out, "Device_A", auction.verbose));
        }
        try (AutoCloseable recorded = recording.start(bus, "demo", java.util.Map.of("strategy", auction.strategy));
             LocalMesh mesh = LocalMesh.start(bus, plugins, LocalMesh.seedDevices(), "Device_A",
                auction.orchestrator(plugins));
             PromptSession session = new PromptSession(mesh.orchestrator(), mesh.directory(), bus, System.out,
                     auction.json)) {
            session.banner();
            if (prompt != null) {
                return session.run(auction.request(prompt)) ? 0 : 1;
            }
            return session.loop(auction::request) == 0 ? 0 : 1;
        }
    }
}
