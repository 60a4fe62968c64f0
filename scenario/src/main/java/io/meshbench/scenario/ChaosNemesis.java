package io.meshbench.scenario;

import io.meshbench.event.MeshEvent;
import io.meshbench.node.DeviceConfig;
import io.meshbench.node.DeviceNode;
import io.meshbench.plugin.api.Adjustable;
import io.meshbench.sim.VirtualMesh;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * The {@code chaos} fault, a seeded nemesis in the manner of Jepsen's: at random times it crashes,
 * cuts off or slows a device chosen at random, and brings it back after a random while, until the
 * fault's end, when every device is back. Every draw comes from one stream derived from the run's
 * seed, so the same seed gives the same faults at the same virtual times.
 */
final class ChaosNemesis {

    private final Scenario.Chaos chaos;
    private final SplittableRandom random;
    private final VirtualMesh mesh;
    private final Map<String, DeviceConfig> configs;
    private final Function<DeviceConfig, DeviceNode> freshDevice;
    private final List<String> devices;
    /** Devices under a fault now: not chosen again until they are back. */
    private final Set<String> faulted = new HashSet<>();
    private long untilNanos;
    private int group;

    ChaosNemesis(Scenario.Chaos chaos, long seed, VirtualMesh mesh, Map<String, DeviceConfig> configs,
                 Function<DeviceConfig, DeviceNode> freshDevice, List<String> devices) {
        this.chaos = chaos;
        this.random = new SplittableRandom(seed ^ 0x6368616f73L * 0x9E3779B97F4A7C15L);
        this.mesh = mesh;
        this.configs = configs;
        this.freshDevice = freshDevice;
        this.devices = devices;
    }

    /** Starts at virtual time {@code at} (now). */
    void start(Duration at) {
        untilNanos = mesh.now() + chaos.until().minus(at).toNanos();
        next();
    }

    private void next() {
        long gap = exponential(chaos.every().toNanos());
        if (mesh.now() + gap >= untilNanos) {
            return;
        }
        mesh.at(Duration.ofNanos(gap), () -> {
            strike();
            next();
        });
    }

    private long exponential(long meanNanos) {
        return Math.max(1, (long) (-Math.log(1 - random.nextDouble()) * meanNanos));
    }

    private void strike() {
        if (devices.isEmpty() || faulted.size() >= devices.size()) {
            return;
        }
        String device = devices.get(random.nextInt(devices.size()));
        if (!faulted.add(device)) {
            return; // already down: this strike misses
        }
        long back = Math.min(exponential(chaos.downFor().toNanos()), untilNanos - mesh.now());
        double total = chaos.killWeight() + chaos.partitionWeight() + chaos.slowWeight();
        double pick = random.nextDouble() * total;
        VirtualMesh.Node<?> node = mesh.node(device);
        if (pick < chaos.killWeight()) {
            note(device, "kill", "for " + back / 1_000_000 + " ms");
            node.kill();
            mesh.at(Duration.ofNanos(back), () -> revive(device));
        } else if (pick < chaos.killWeight() + chaos.partitionWeight()) {
            note(device, "partition", "cut off for " + back / 1_000_000 + " ms");
            mesh.network().partition(device, ++group);
            mesh.at(Duration.ofNanos(back), () -> {
                mesh.network().partition(device, 0);
                faulted.remove(device);
            });
        } else {
            note(device, "slow", chaos.slowFactor() + " times slower for " + back / 1_000_000 + " ms");
            adjust(node, chaos.slowFactor());
            mesh.at(Duration.ofNanos(back), () -> {
                adjust(mesh.node(device), 1.0);
                faulted.remove(device);
            });
        }
    }

    @SuppressWarnings("unchecked")
    private void revive(String device) {
        ((VirtualMesh.Node<DeviceNode>) mesh.node(device)).revive(freshDevice.apply(configs.get(device)));
        faulted.remove(device);
    }

    private static void adjust(VirtualMesh.Node<?> node, double factor) {
        if (node.alive() && node.handler() instanceof DeviceNode d) {
            d.adjust(Adjustable.SLOWDOWN, factor);
        }
    }

    /** What the nemesis did, in the event stream, so that a recording shows the faults beside their effects. */
    private void note(String device, String fault, String detail) {
        mesh.node(device).emit(new MeshEvent.FaultInjected(mesh.now(), device, "chaos " + fault, detail));
    }
}
