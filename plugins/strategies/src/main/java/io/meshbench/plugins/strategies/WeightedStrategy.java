package io.meshbench.plugins.strategies;

import io.meshbench.plugin.api.Bid;
import io.meshbench.plugin.api.Decimals;
import io.meshbench.plugin.api.Ranking;
import io.meshbench.plugin.api.Selection;
import io.meshbench.plugin.api.SelectionStrategy;

import java.util.Comparator;
import java.util.List;

/**
 * A score over every field of a bid; the highest score wins. The weights, which sum to 1:
 * <pre>
 *   score = 0.40 * (1 - cpu_load)      idle CPU matters most: it is what runs the model
 *         + 0.15 * (1 - ram_load)      free RAM keeps the model from being swapped out
 *         + 0.20 * battery / 100       a fuller battery finishes the task and stays in the mesh
 *         + 0.25 * (has_npu ? 1 : 0)   an NPU prefills several times faster than the CPU
 * </pre>
 * A value the device could not measure scores 0 (as if the worst), so an unknown never wins
 * over a known. Equal scores are ranked by {@link Bid#LEAST_LOADED}.
 */
public final class WeightedStrategy implements SelectionStrategy {

    public static final String NAME = "weighted";
    static final double CPU = 0.40;
    static final double RAM = 0.15;
    static final double BATTERY = 0.20;
    static final double NPU = 0.25;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String title() {
        return "Weighted Strategy";
    }

    @Override
    public String description() {
        return "Highest score wins: 0.40 idle CPU + 0.15 free RAM + 0.20 battery + 0.25 NPU.";
    }


    /** Highest score first, ties by {@link Bid#LEAST_LOADED}. */
    private static final Comparator<Bid> ORDER = Ranking.byScoreOrder(WeightedStrategy::score, Bid.LEAST_LOADED);

    /** The score of one bid, from 0 to 1. */
    public static double score(Bid bid) {
        return CPU * (1 - bid.cpuLoad().orElse(1))
                + RAM * (1 - bid.ramLoad().orElse(1))
                + BATTERY * bid.battery().orElse(0) / 100.0
                + NPU * (bid.hasNpu() ? 1 : 0);
    }

    @Override
    public Selection select(List<Bid> bids) {
        // one pass: the winner and the runner-up the reason names
        Ranking.Leaders leaders = new Ranking.Leaders(ORDER, true);
        for (Bid b : bids) {
            leaders.offer(b, -score(b));
        }
        List<Bid> ranking = Ranking.byScore(bids, WeightedStrategy::score, Bid.LEAST_LOADED, leaders);
        Bid winner = leaders.first();
        StringBuilder reason = new StringBuilder(128).append(winner.deviceId()).append(" has the highest score, ");
        Decimals.append(reason, score(winner), 3).append(" (CPU ").append(LowestCpuStrategy.percent(winner))
                .append(", battery ").append(winner.battery().isPresent() ? winner.battery().getAsInt() + "%" : "unknown")
                .append(", ").append(winner.hasNpu() ? "NPU" : "no NPU").append(')');
        if (ranking.size() > 1) {
            Bid second = leaders.second();
            Decimals.append(reason.append("; next is ").append(second.deviceId()).append(" with "), score(second), 3);
        }
        return new Selection(ranking, "Best Score", reason.toString());
    }
}
