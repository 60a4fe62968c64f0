package io.meshbench.plugins.strategies;

import io.meshbench.plugin.api.AuctionInfo;
import io.meshbench.plugin.api.Bid;
import io.meshbench.plugin.api.Decimals;
import io.meshbench.plugin.api.Ranking;
import io.meshbench.plugin.api.Selection;
import io.meshbench.plugin.api.SelectionStrategy;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Spreads work over several NPU devices (and onto CPUs when the NPUs are busy enough) by expected
 * finish time. A device's expected finish is its outstanding tasks (those this orchestrator sent
 * it that have not ended) plus this one, times the time of one task there: 1 on an NPU, and
 * {@value #CPU_TASK} × (1 + CPU load) on a CPU (the simulated profiles' decode speeds, 30 against
 * 12 tokens a second, give 2.5; a busy CPU is slower still). The least expected finish wins, ties
 * broken by the original order (NPU first, then {@link Bid#LEAST_LOADED}). So an idle NPU still wins,
 * as in the original rule: its finish, 1, is below every other; a busy NPU wins over an idle CPU
 * until it has two tasks waiting. With no knowledge of outstanding work (a replay of recorded bids)
 * it is the original NPU-first rule.
 *
 * <p>Over {@value #POWER_OF_TWO_FROM} bids it uses the power of two choices: two bidders drawn at
 * random (from the auction's seed, so the same auction gives the same choice; NPU bidders when two
 * or more bid), the one that finishes first wins. Many orchestrators choosing among thousands of
 * devices then do not all pile onto the one that looks least loaded, and the choice costs O(1)
 * comparisons; the rest of the ranking (fallbacks) is by expected finish.
 */
public final class LeastFinishStrategy implements SelectionStrategy {

    public static final String NAME = "least-finish";
    /** One CPU task takes this many NPU tasks' time, on an idle CPU. */
    static final double CPU_TASK = 2.5;
    /** Bid counts from which the winner is the better of two random choices. */
    static final int POWER_OF_TWO_FROM = 1000;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String title() {
        return "Least-Expected-Finish Strategy";
    }

    @Override
    public String description() {
        return "Balances work over NPU devices (and CPUs when NPUs are busy) by outstanding tasks and expected finish; an idle NPU still wins.";
    }

    /** The time of one task on the device of {@code bid}, in NPU tasks. */
    static double taskTime(Bid bid) {
        return bid.hasNpu() ? 1.0 : CPU_TASK * (1 + Math.min(1.0, bid.cpuLoadOrWorst()));
    }

    static double finish(Bid bid, AuctionInfo info) {
        return (info.outstanding(bid.deviceId()) + 1) * taskTime(bid);
    }

    @Override
    public Selection select(List<Bid> bids) {
        return select(bids, AuctionInfo.NONE);
    }

    @Override
    public Selection select(List<Bid> bids, AuctionInfo info) {
        if (bids.size() >= POWER_OF_TWO_FROM) {
            return twoChoices(bids, info);
        }
        // one pass, one look-up of each bidder's outstanding work: the winner, the runner-up the reason
        // names, and the idle NPU devices it counts
        Ranking.Leaders leaders = new Ranking.Leaders(Ranking.byScoreOrder(b -> -finish(b, info), Bid.NPU_FIRST), true);
        int idle = 0;
        for (Bid b : bids) {
            int outstanding = info.outstanding(b.deviceId());
            if (outstanding == 0 && b.hasNpu()) {
                idle++;
            }
            leaders.offer(b, (outstanding + 1) * taskTime(b)); // finish(b, info)
        }
        List<Bid> ranking = Ranking.byScore(bids, b -> -finish(b, info), Bid.NPU_FIRST, leaders);
        Bid winner = leaders.first();
        int outstanding = info.outstanding(winner.deviceId());
        if (winner.hasNpu() && outstanding == 0) {
            return new Selection(ranking, "Idle NPU", idle == 1
                    ? winner.deviceId() + " is the only idle NPU device (no task outstanding, CPU load "
                    + LowestCpuStrategy.percent(winner) + ")"
                    : winner.deviceId() + " has the lowest CPU load (" + LowestCpuStrategy.percent(winner) + ") of the "
                    + idle + " idle NPU devices");
        }
        String next = bids.size() == 1 ? "" : "; next " + describe(leaders.second(), info);
        return new Selection(ranking, "Least Expected Finish", describe(winner, info) + " finishes first of "
                + bids.size() + " bidders" + next);
    }

    private Selection twoChoices(List<Bid> bids, AuctionInfo info) {
        // one pass, no look-ups: where the NPU bidders are; the draw then costs two look-ups
        int[] npu = new int[bids.size()];
        int npuBidders = 0;
        int position = 0;
        for (Bid b : bids) {
            if (b.hasNpu()) {
                npu[npuBidders++] = position;
            }
            position++;
        }
        boolean all = npuBidders < 2;
        int poolSize = all ? bids.size() : npuBidders;
        SplittableRandom random = new SplittableRandom(info.seed() ^ bids.size());
        int i = random.nextInt(poolSize);
        int j = random.nextInt(poolSize - 1);
        j = j >= i ? j + 1 : j;
        int pa = all ? i : npu[i];
        int pb = all ? j : npu[j];
        Bid a = bids.get(pa);
        Bid b = bids.get(pb);
        double fa = finish(a, info);
        double fb = finish(b, info);
        Bid winner = fa < fb || (fa == fb && Bid.NPU_FIRST.compare(a, b) <= 0) ? a : b;
        Bid other = winner == a ? b : a;
        // the winner first, the rest (fallbacks) by expected finish, sorted only if read
        List<Bid> ranking = Ranking.byScore(bids, x -> x == winner ? Double.POSITIVE_INFINITY : -finish(x, info),
                Bid.NPU_FIRST, winner == a ? pa : pb);
        return new Selection(ranking, "Power of Two Choices", describe(winner, info) + " finishes before "
                + describe(other, info) + ", the two drawn at random from " + Decimals.grouped(poolSize)
                + (all ? " bidders" : " NPU bidders"));
    }

    private static String describe(Bid bid, AuctionInfo info) {
        int outstanding = info.outstanding(bid.deviceId());
        StringBuilder out = new StringBuilder(96).append(bid.deviceId()).append(" (")
                .append(bid.hasNpu() ? "NPU" : "CPU " + LowestCpuStrategy.percent(bid)).append(", ").append(outstanding)
                .append(outstanding == 1 ? " task" : " tasks").append(" outstanding, expected finish ");
        return Decimals.append(out, finish(bid, info), 2).append(" NPU tasks)").toString();
    }
}
