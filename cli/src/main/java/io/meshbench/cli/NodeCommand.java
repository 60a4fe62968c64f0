package io.meshbench.cli;

import io.meshbench.event.EventBus;
import io.meshbench.live.LiveNode;
import io.meshbench.net.PeerDirectory;
import io.meshbench.node.DeviceConfig;
import io.meshbench.node.DeviceNode;
import io.meshbench.plugin.PluginRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code meshbench node}: one device node, in this process, until stopped. */
@Command(name = "node", mixinStandardHelpOptions = true,
        description = "Runs one device node: answers BID_REQUEST from its metrics and runs TASKs through its SLM engine.")
final class NodeCommand implements Callable<Integer> {

    @Option(names = "--id", paramLabel = "DEVICE_ID", description = "Device id (default: device_id of --config).")
    String id;

    @Option(names = "--port", defaultValue = "9999", description = "Port to listen on, 0 for a free one (default: ${DEFAULT-VALUE}).")
    int port;

    @picocli.CommandLine.Mixin
    SecurityOptions security;

    @Option(names = "--config", paramLabel = "FILE", description = "device_config.json (default: a simulated device without NPU).")
    Path config;

    @Option(names = "--npu", description = "Without --config: simulate a device with an NPU.")
    boolean npu;

    @Option(names = "--peers", paramLabel = "FILE", required = true,
            description = "Peers file: DEVICE_ID HOST PORT (or HOST:PORT) a line; replies go to the sender's address in it.")
    Path peers;

    @picocli.CommandLine.Mixin
    PluginOptions pluginOptions;

    @Option(names = "--metrics-log", description = "Also log every metric sample.")
    boolean metricsLog;

    @Option(names = "--journal", paramLabel = "FILE", description = "Where the node remembers the task ids it took for a "
            + "day, so that a replayed TASK never runs twice, even after a restart (default with --mesh: "
            + "DIR/state/DEVICE_ID.tasks; without --mesh: none).")
    Path journal;

    @Override
    public Integer call() throws Exception {
        DeviceConfig device = config != null ? DeviceConfig.read(config) : null;
        if (device == null) {
            if (id == null) {
                throw new IllegalArgumentException("give the device's id with --id, or a --config file with device_id");
            }
            device = DeviceConfig.simulated(id, npu, 0.2, 0.5, 80);
        } else if (id != null && !id.equals(device.deviceId())) {
            throw new IllegalArgumentException("--id " + id + " differs from device_id \"" + device.deviceId()
                    + "\" in " + config + "; give one of them");
        }
        io.meshbench.security.NodeSecurity linkSecurity = security.resolve("node", device.deviceId());
        PeerDirectory directory = PeerDirectory.read(peers);
        PluginRegistry plugins = pluginOptions.registry(System.err);
        EventBus bus = new EventBus();
        bus.subscribe(new EventLogView(System.out, metricsLog));
        DeviceNode node = new DeviceNode(device, plugins.metrics(device.metrics()), plugins.engine(device.slm()));
        LiveNode<DeviceNode> live = new LiveNode<>(device.deviceId(), node, directory, bus,
                LiveNode.Options.listen(port).host(security.host()).security(linkSecurity).build());
        Path journalFile = journal != null ? journal
                : security.mesh != null ? security.mesh.resolve("state").resolve(device.deviceId() + ".tasks") : null;
        if (journalFile != null) {
            live.journalTasks(io.meshbench.live.TaskJournal.open(journalFile, io.meshbench.live.TaskJournal.DEFAULT_WINDOW));
        }
        live.start();
        SecurityOptions.announce(System.out, device.deviceId(), live.listenAddress(), linkSecurity);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            live.close();
            stopped.countDown();
        }, "node-shutdown"));
        stopped.await();
        return 0;
    }
}
