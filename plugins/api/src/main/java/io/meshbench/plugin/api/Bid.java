package io.meshbench.plugin.api;

import java.util.Comparator;
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

    /**
     * The least loaded bid first: lower CPU load, then lower RAM load, then higher battery, then
     * the device id in alphabetical order. An unknown load ranks after every known one, an unknown
     * battery as empty. Every stock strategy breaks its ties this way, so that a ranking never
     * depends on the order bids arrived in; a strategy of yours can end its comparator with it.
     */
    public static final Comparator<Bid> LEAST_LOADED = Bid::compareLoad;

    /**
     * The original design's order: bids from devices with an NPU first, then {@link #LEAST_LOADED}.
     */
    public static final Comparator<Bid> NPU_FIRST = (a, b) -> a.hasNpu != b.hasNpu ? (a.hasNpu ? -1 : 1) : compareLoad(a, b);

    // Written out rather than composed from Comparator.comparing(...): a selection over 10,000 bids
    // runs it 10,000 times, and the composed chain costs several times as much.
    private static int compareLoad(Bid a, Bid b) {
        int c = Double.compare(a.cpuLoadOrWorst(), b.cpuLoadOrWorst());
        if (c != 0) {
            return c;
        }
        c = Double.compare(a.ramLoad.orElse(Double.POSITIVE_INFINITY), b.ramLoad.orElse(Double.POSITIVE_INFINITY));
        if (c != 0) {
            return c;
        }
        c = Integer.compare(b.battery.orElse(-1), a.battery.orElse(-1));
        return c != 0 ? c : a.deviceId.compareTo(b.deviceId);
    }

    /** Checks that no field is {@code null}. */
    public Bid {
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(cpuLoad, "cpuLoad");
        Objects.requireNonNull(ramLoad, "ramLoad");
        Objects.requireNonNull(battery, "battery");
    }

    /**
     * A key that agrees with {@link #LEAST_LOADED}, for {@link Ranking.Leaders}: the CPU load, an
     * unknown one as infinity.
     */
    public double leastLoadedKey() {
        return cpuLoadOrWorst();
    }

    /**
     * A key that agrees with {@link #NPU_FIRST}, for {@link Ranking.Leaders}: the CPU load from 0 to 1
     * with an NPU, 4 to 5 without (2 and 6 when unknown); NaN, which leaves the decision to the
     * order, for a load outside 0..1.
     */
    public double npuFirstKey() {
        double c = cpuLoadOrWorst();
        double k = c >= 0 && c <= 1 ? c : c == Double.POSITIVE_INFINITY ? 2 : Double.NaN;
        return hasNpu ? k : k + 4;
    }

    /** CPU load for ranking: an unknown load ranks after every known one. */
    public double cpuLoadOrWorst() {
        return cpuLoad.orElse(Double.POSITIVE_INFINITY);
    }
}
