package io.meshbench.plugin.api;

import java.util.Objects;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * One device's bid in an auction, as a selection strategy sees it.
 *
 * @param deviceId the bidder
 * @param cpuLoad  CPU load in [0, 1], empty when the device could not tell
 * @param ramLoad  RAM load in [0, 1], empty when the device could not tell
 * @param battery  battery percent, empty when the device has none or could not tell
 * @param hasNpu   whether the device has an NPU
 */
public record Bid(String deviceId, OptionalDouble cpuLoad, OptionalDouble ramLoad, OptionalInt battery,
                  boolean hasNpu) {
    public Bid {
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(cpuLoad, "cpuLoad");
        Objects.requireNonNull(ramLoad, "ramLoad");
        Objects.requireNonNull(battery, "battery");
    }

    /** CPU load for ranking: an unknown load ranks after every known one. */
    public double cpuLoadOrWorst() {
        return cpuLoad.orElse(Double.POSITIVE_INFINITY);
    }
}
