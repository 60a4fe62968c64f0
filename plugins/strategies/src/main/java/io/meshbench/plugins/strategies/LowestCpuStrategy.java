package io.meshbench.plugins.strategies;

import io.meshbench.plugin.api.Bid;
import io.meshbench.plugin.api.Decimals;
import io.meshbench.plugin.api.Ranking;
import io.meshbench.plugin.api.Selection;
import io.meshbench.plugin.api.SelectionStrategy;

import java.util.List;

/**
 * The least loaded device wins, NPU or not: lowest CPU load, ties broken by {@link Bid#LEAST_LOADED}
 * (lower RAM load, higher battery, device id). The original design's fallback rule, on its own.
 */
public final class LowestCpuStrategy implements SelectionStrategy {

    public static final String NAME = "lowest-cpu";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String title() {
        return "Lowest-CPU Strategy";
    }

    @Override
    public String description() {
        return "The device with the lowest CPU load wins, whether or not it has an NPU.";
    }

    @Override
    public Selection select(List<Bid> bids) {
        Ranking.Leaders leaders = new Ranking.Leaders(Bid.LEAST_LOADED, false);
        for (Bid b : bids) {
            leaders.offer(b, b.leastLoadedKey());
        }
        List<Bid> ranking = Ranking.of(bids, Bid.LEAST_LOADED, leaders);
        Bid winner = leaders.first();
        return new Selection(ranking, "Lowest CPU", winner.deviceId() + " has the lowest CPU load ("
                + percent(winner) + ") of " + bids.size() + (bids.size() == 1 ? " bidder" : " bidders"));
    }

    static String percent(Bid bid) {
        return bid.cpuLoad().isPresent()
                ? Decimals.append(new StringBuilder(8), bid.cpuLoad().getAsDouble() * 100, 2).append('%').toString()
                : "unknown";
    }
}
