package io.meshbench.plugins.strategies;

import io.meshbench.plugin.api.AuctionInfo;
import io.meshbench.plugin.api.Bid;
import io.meshbench.plugin.api.Ranking;
import io.meshbench.plugin.api.Selection;
import io.meshbench.plugin.api.SelectionStrategy;

import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * Predicts when each bidder would finish this task and picks the earliest: its outstanding tasks
 * plus this one, times its predicted seconds a task. The prediction comes from history (the
 * orchestrator's decaying average per device, NPU or CPU, and prompt size: {@link AuctionInfo#expectedSeconds});
 * on a cold start, from the bid itself: the time of one task as {@link LeastFinishStrategy} counts it
 * (1 on an NPU, 2.5 × (1 + CPU load) on a CPU), in seconds scaled by what the bidders with history
 * take against that count (their mean ratio), or in those units when no bidder has history yet.
 * So a phone whose NPU proved slower than another phone's CPU stops winning, and a device never
 * seen is tried as its bid suggests. Ties: the original order (NPU first, then least loaded).
 */
public final class FastestExpectedStrategy implements SelectionStrategy {

    public static final String NAME = "fastest-expected";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String title() {
        return "Fastest-Expected Strategy";
    }

    @Override
    public String description() {
        return "Predicts each bidder's completion from its history (per device, NPU/CPU, prompt size) and its queue; the earliest wins.";
    }

    @Override
    public Selection select(List<Bid> bids) {
        return select(bids, AuctionInfo.NONE);
    }

    @Override
    public Selection select(List<Bid> bids, AuctionInfo info) {
        double scale = coldScale(bids, info);
        boolean seconds = !Double.isNaN(scale);
        if (!seconds) {
            scale = 1.0;
        }
        double[] perTask = new double[bids.size()];
        boolean[] known = new boolean[bids.size()];
        java.util.IdentityHashMap<Bid, Integer> index = new java.util.IdentityHashMap<>();
        for (int i = 0; i < bids.size(); i++) {
            Bid b = bids.get(i);
            OptionalDouble history = info.expectedSeconds(b.deviceId(), b.hasNpu());
            known[i] = history.isPresent();
            perTask[i] = history.isPresent() ? history.getAsDouble() : scale * LeastFinishStrategy.taskTime(b);
            index.put(b, i);
        }
        List<Bid> ranking = Ranking.byScore(bids,
                b -> -(info.outstanding(b.deviceId()) + 1) * perTask[index.get(b)], Bid.NPU_FIRST);
        Bid winner = ranking.get(0);
        int w = index.get(winner);
        String unit = seconds ? " s" : " units";
        String next = bids.size() == 1 ? "" : "; next " + describe(ranking.get(1), info, perTask[index.get(ranking.get(1))],
                known[index.get(ranking.get(1))], unit);
        return new Selection(ranking, known[w] ? "Fastest Expected" : "Cold Start",
                describe(winner, info, perTask[w], known[w], unit) + " is expected to finish first of " + bids.size()
                        + (bids.size() == 1 ? " bidder" : " bidders") + next);
    }

    /**
     * Seconds per unit of {@link LeastFinishStrategy#taskTime} for bidders without history: the mean
     * ratio of the others' history to their count; NaN when none has history (then units, not seconds).
     */
    private static double coldScale(List<Bid> bids, AuctionInfo info) {
        double sum = 0;
        int n = 0;
        for (Bid b : bids) {
            OptionalDouble history = info.expectedSeconds(b.deviceId(), b.hasNpu());
            if (history.isPresent()) {
                sum += history.getAsDouble() / LeastFinishStrategy.taskTime(b);
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    private static String describe(Bid bid, AuctionInfo info, double perTask, boolean known, String unit) {
        int outstanding = info.outstanding(bid.deviceId());
        return String.format(Locale.ROOT, "%s (%s, %.2f%s a task %s, %d ahead: done in %.2f%s)", bid.deviceId(),
                bid.hasNpu() ? "NPU" : "CPU", perTask, unit, known ? "from history" : "from its bid", outstanding,
                (outstanding + 1) * perTask, unit);
    }
}
