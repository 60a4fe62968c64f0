package io.meshbench.auction;

import io.meshbench.plugin.api.Bid;
import io.meshbench.plugin.api.Decimals;
import io.meshbench.plugin.api.Ranking;
import io.meshbench.plugin.api.Selection;
import io.meshbench.plugin.api.SelectionStrategy;

import java.util.List;

/**
 * The original design's rule: if any bidder has an NPU, the NPU device with the lowest CPU load
 * wins; with none, the device with the lowest CPU load wins. Ties are broken the same way every
 * time: lower CPU load, then lower RAM load, then higher battery, then the device id in
 * alphabetical order. An unknown load ranks after every known one, an unknown battery as empty.
 */
public final class NpuFirstStrategy implements SelectionStrategy {

    public static final String NAME = "npu-first";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "The original rule: an NPU device wins, the lowest CPU load among them; without NPU, the lowest CPU load.";
    }

    @Override
    public String title() {
        return "NPU-First Strategy";
    }

    @Override
    public Selection select(List<Bid> bids) {
        // one pass: the winner, and the count the reason gives
        Ranking.Leaders leaders = new Ranking.Leaders(Bid.NPU_FIRST, false);
        int npuBidders = 0;
        for (Bid b : bids) {
            if (b.hasNpu()) {
                npuBidders++;
            }
            leaders.offer(b, b.npuFirstKey());
        }
        List<Bid> ranking = Ranking.of(bids, Bid.NPU_FIRST, leaders);
        Bid winner = leaders.first();
        String cpu = winner.cpuLoad().isPresent()
                ? Decimals.append(new StringBuilder(8), winner.cpuLoad().getAsDouble() * 100, 2).append('%').toString()
                : "unknown";
        if (winner.hasNpu()) {
            return new Selection(ranking, "NPU Priority", npuBidders == 1
                    ? winner.deviceId() + " is the only bidder with an NPU (CPU load " + cpu + ")"
                    : winner.deviceId() + " has the lowest CPU load (" + cpu + ") of the " + npuBidders
                    + " bidders with an NPU");
        }
        return new Selection(ranking, "CPU Fallback", "no bidder has an NPU; " + winner.deviceId()
                + " has the lowest CPU load (" + cpu + ") of " + bids.size() + (bids.size() == 1 ? " bidder" : " bidders"));
    }
}
