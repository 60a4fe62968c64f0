package io.meshbench.bench.mesh;

import io.meshbench.event.EventBus;
import io.meshbench.live.LiveNode;
import io.meshbench.net.PeerDirectory;
import io.meshbench.node.DeviceConfig;
import io.meshbench.node.DeviceNode;
import io.meshbench.plugin.PluginRegistry;

import java.nio.file.Path;

/**
 * One device node in a process of its own, as {@code meshbench node} runs one (the same
 * {@link LiveNode} and {@link DeviceNode}), with the instant SLM. Prints {@code listening PORT} once it
 * takes connections and stops when its standard input closes, so it never outlives the benchmark.
 * Arguments: {@code INDEX COUNT PEERS_FILE}: device {@code INDEX} of {@link Devices#configs(int) COUNT}.
 */
public final class NodeProcess {

    private NodeProcess() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: NodeProcess INDEX COUNT PEERS_FILE");
            System.exit(2);
        }
        int index = Integer.parseInt(args[0]);
        DeviceConfig config = Devices.configs(Integer.parseInt(args[1])).get(index);
        PeerDirectory directory = PeerDirectory.read(Path.of(args[2]));
        PluginRegistry plugins = PluginRegistry.fromClassPath();
        LiveNode<DeviceNode> node = new LiveNode<>(config.deviceId(),
                new DeviceNode(config, plugins.metrics(config.metrics()), new InstantSlm()), directory, new EventBus(),
                LiveNode.Options.loopback(0)).start();
        System.out.println("listening " + node.port());
        System.out.flush();
        while (System.in.read() >= 0) {
            // the benchmark holds our standard input open while it needs us
        }
        node.close();
        System.exit(0);
    }
}
