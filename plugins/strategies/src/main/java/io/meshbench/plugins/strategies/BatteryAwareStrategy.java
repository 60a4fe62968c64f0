package io.meshbench.plugins.strategies;

import io.meshbench.plugin.api.Bid;
import io.meshbench.plugin.api.Ranking;
import io.meshbench.plugin.api.Selection;
import io.meshbench.plugin.api.SelectionStrategy;

import java.util.Comparator;
import java.util.List;

/**
 * NPU first, then lowest CPU, as the original design, but among the devices whose battery is at or
 * above a floor of {@value #FLOOR}% only; a device under the floor wins only when no device is
 * above it. A device that reports no battery (mains powered, or cannot tell) counts as above the
 * floor: only a known low battery is avoided.
 */
public final class BatteryAwareStrategy implements SelectionStrategy {

    public static final String NAME = "battery-aware";
    /** The battery floor, in percent. */
    public static final int FLOOR = 20;


    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String title() {
        return "Battery-Aware Strategy";
    }

    @Override
    public String description() {
        return "NPU first, then lowest CPU, among devices with at least " + FLOOR + "% battery unless none has.";
    }

    /** Bidders at or above the floor first, then NPU first, then least loaded. */
    private static final Comparator<Bid> ORDER = (a, b) -> {
        boolean lowA = low(a);
        return lowA != low(b) ? (lowA ? 1 : -1) : Bid.NPU_FIRST.compare(a, b);
    };

    static boolean low(Bid bid) {
        return bid.battery().isPresent() && bid.battery().getAsInt() < FLOOR;
    }

    @Override
    public Selection select(List<Bid> bids) {
        // one pass: the winner, and the count the reason gives
        Ranking.Leaders leaders = new Ranking.Leaders(ORDER, false);
        int low = 0;
        for (Bid b : bids) {
            boolean isLow = low(b);
            if (isLow) {
                low++;
            }
            leaders.offer(b, isLow ? b.npuFirstKey() + 8 : b.npuFirstKey()); // under the floor: after everyone else
        }
        List<Bid> ranking = Ranking.of(bids, ORDER, leaders);
        Bid winner = leaders.first();
        String how = winner.hasNpu() ? "NPU first, lowest CPU load (" + LowestCpuStrategy.percent(winner) + ")"
                : "no NPU among them, lowest CPU load (" + LowestCpuStrategy.percent(winner) + ")";
        if (low(winner)) {
            return new Selection(ranking, "Low Battery Fallback", "every bidder is under the " + FLOOR
                    + "% battery floor; " + winner.deviceId() + " wins by " + how);
        }
        String skipped = low == 0 ? "" : "; " + low + (low == 1 ? " bidder is" : " bidders are") + " under the "
                + FLOOR + "% battery floor and ranked last";
        return new Selection(ranking, winner.hasNpu() ? "NPU Priority" : "CPU Fallback",
                winner.deviceId() + " wins by " + how + skipped);
    }
}
