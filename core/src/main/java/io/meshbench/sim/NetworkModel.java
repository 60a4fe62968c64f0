package io.meshbench.sim;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * The virtual network: a one-way latency with uniform jitter, a chance that a message is lost, and
 * partitions that cut some devices off from others. Messages between devices in different
 * partition groups are not delivered; the sender learns of it after the connect timeout, as over
 * TCP. A lost message is gone without a word, as a line sent with netcat to a busy listener is.
 */
public final class NetworkModel {

    private final long latencyNanos;
    private final long jitterNanos;
    private final double loss;
    private final long connectTimeoutNanos;
    /** Device id to partition group; devices not listed are in group 0. */
    private final Map<String, Integer> groups = new HashMap<>();

    public NetworkModel(Duration latency, Duration jitter, double loss, Duration connectTimeout) {
        if (latency.isNegative() || jitter.isNegative() || !(loss >= 0 && loss <= 1)) {
            throw new IllegalArgumentException("latency and jitter must not be negative and loss must be 0..1; got "
                    + latency + ", " + jitter + ", " + loss);
        }
        this.latencyNanos = latency.toNanos();
        this.jitterNanos = jitter.toNanos();
        this.loss = loss;
        this.connectTimeoutNanos = connectTimeout.toNanos();
    }

    /** A Wi-Fi-like local network: 2 ms one way, 1 ms jitter, nothing lost. */
    public static NetworkModel lan() {
        return new NetworkModel(Duration.ofMillis(2), Duration.ofMillis(1), 0, Duration.ofSeconds(3));
    }

    /** Puts {@code device} in partition {@code group}; 0 is the main group. */
    public void partition(String device, int group) {
        if (group == 0) {
            groups.remove(device);
        } else {
            groups.put(device, group);
        }
    }

    /** Joins every partition back into one network. */
    public void heal() {
        groups.clear();
    }

    boolean connected(String from, String to) {
        return groups.isEmpty() || groups.getOrDefault(from, 0).equals(groups.getOrDefault(to, 0));
    }

    boolean lost(RandomGenerator random) {
        return loss > 0 && random.nextDouble() < loss;
    }

    long delay(RandomGenerator random) {
        return jitterNanos == 0 ? latencyNanos : latencyNanos + random.nextLong(jitterNanos + 1);
    }

    long connectTimeoutNanos() {
        return connectTimeoutNanos;
    }
}
