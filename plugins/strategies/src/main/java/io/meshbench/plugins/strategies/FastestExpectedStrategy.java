package io.meshbench.plugins.strategies;

import io.meshbench.plugin.api.AuctionInfo;
import io.meshbench.plugin.api.Bid;
import io.meshbench.plugin.api.Decimals;
import io.meshbench.plugin.api.Ranking;
import io.meshbench.plugin.api.Selection;
import io.meshbench.plugin.api.SelectionStrategy;

import java.util.Comparator;
import java.util.List;
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
        // One look-up of each bidder's history and outstanding work (all at once, no boxes: AuctionInfo.workOf),
        // one pass over those numbers; the cold start's scale needs every bidder's history first, so the
        // scores are then made from these numbers (no more look-ups) in a second loop over them.
        int n = bids.size();
        int[] outstanding = new int[n];
        double[] perTask = new double[n];
        info.workOf(bids, outstanding, perTask);
        boolean[] known = new boolean[n];
        double ratioSum = 0;
        int withHistory = 0;
        int i = 0;
        for (Bid b : bids) {
            double history = perTask[i];
            if (history == history) {
                known[i] = true;
                ratioSum += history / LeastFinishStrategy.taskTime(b);
                withHistory++;
            } else {
                perTask[i] = LeastFinishStrategy.taskTime(b);
            }
            i++;
        }
        // Seconds per unit of LeastFinishStrategy.taskTime for bidders without history: the mean ratio
        // of the others' history to their count; with none, units rather than seconds.
        double scale = withHistory == 0 ? Double.NaN : ratioSum / withHistory;
        boolean seconds = !Double.isNaN(scale);
        if (!seconds) {
            scale = 1.0;
        }
        Ranking.Leaders leaders = new Ranking.Leaders(order(info, scale), true);
        i = 0;
        for (Bid b : bids) {
            if (!known[i]) {
                perTask[i] = scale * perTask[i];
            }
            leaders.offer(b, -(-(outstanding[i] + 1) * perTask[i])); // minus the score, as score() makes it
            i++;
        }
        double s = scale;
        List<Bid> ranking = Ranking.byScore(bids, b -> score(b, info, s), Bid.NPU_FIRST, leaders);
        Bid winner = leaders.first();
        int w = leaders.firstIndex();
        int r = leaders.secondIndex();
        String unit = seconds ? " s" : " units";
        String next = n == 1 ? "" : "; next " + describe(leaders.second(), outstanding[r], perTask[r], known[r], unit);
        return new Selection(ranking, known[w] ? "Fastest Expected" : "Cold Start",
                describe(winner, outstanding[w], perTask[w], known[w], unit) + " is expected to finish first of " + n
                        + (n == 1 ? " bidder" : " bidders") + next);
    }

    /** A bid's score: minus its expected finish, from its history or, cold, its bid times {@code scale}. */
    private static double score(Bid b, AuctionInfo info, double scale) {
        OptionalDouble history = info.expectedSeconds(b.deviceId(), b.hasNpu());
        double perTask = history.isPresent() ? history.getAsDouble() : scale * LeastFinishStrategy.taskTime(b);
        return -(info.outstanding(b.deviceId()) + 1) * perTask;
    }

    /** Highest score first, ties by the original order (asked only on equal finishes). */
    private static Comparator<Bid> order(AuctionInfo info, double scale) {
        return Ranking.byScoreOrder(b -> score(b, info, scale), Bid.NPU_FIRST);
    }

    private static String describe(Bid bid, int outstanding, double perTask, boolean known, String unit) {
        StringBuilder out = new StringBuilder(96).append(bid.deviceId()).append(" (").append(bid.hasNpu() ? "NPU" : "CPU")
                .append(", ");
        Decimals.append(out, perTask, 2).append(unit).append(" a task ").append(known ? "from history" : "from its bid")
                .append(", ").append(outstanding).append(" ahead: done in ");
        return Decimals.append(out, (outstanding + 1) * perTask, 2).append(unit).append(')').toString();
    }
}
