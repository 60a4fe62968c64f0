package io.meshbench.plugins.strategies;

import io.meshbench.plugin.api.AuctionInfo;
import io.meshbench.plugin.api.Bid;
import io.meshbench.plugin.api.Ranking;
import io.meshbench.plugin.api.Selection;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

/**
 * Each strategy finds its winner (and runner-up) in one pass; the ranking it hands back must still be
 * exactly the stable sort of the bids by the strategy's documented order: the winner is that sort's
 * first, the second place its second, and the whole list that sort. Bids are drawn from few values
 * so that ties (equal loads, equal scores, equal finishes, unknowns) are common, in random order.
 */
class OnePassProperties {

    @Property(tries = 400)
    void lowestCpu(@ForAll long seed, @ForAll @IntRange(min = 1, max = 40) int n) {
        List<Bid> bids = bids(new Random(seed), n);
        check(new LowestCpuStrategy().select(bids), bids, Bid.LEAST_LOADED);
    }

    @Property(tries = 400)
    void weighted(@ForAll long seed, @ForAll @IntRange(min = 1, max = 40) int n) {
        List<Bid> bids = bids(new Random(seed), n);
        check(new WeightedStrategy().select(bids), bids,
                Comparator.comparingDouble((Bid b) -> -WeightedStrategy.score(b)).thenComparing(Bid.LEAST_LOADED));
    }

    @Property(tries = 400)
    void batteryAware(@ForAll long seed, @ForAll @IntRange(min = 1, max = 40) int n) {
        List<Bid> bids = bids(new Random(seed), n);
        check(new BatteryAwareStrategy().select(bids), bids,
                Comparator.comparing(BatteryAwareStrategy::low).thenComparing(Bid.NPU_FIRST));
    }

    @Property(tries = 400)
    void leastFinish(@ForAll long seed, @ForAll @IntRange(min = 1, max = 40) int n) {
        Random random = new Random(seed);
        List<Bid> bids = bids(random, n);
        AuctionInfo info = info(random, bids);
        check(new LeastFinishStrategy().select(bids, info), bids,
                Comparator.comparingDouble((Bid b) -> LeastFinishStrategy.finish(b, info)).thenComparing(Bid.NPU_FIRST));
    }

    @Property(tries = 50)
    void leastFinishOverManyBidsPutsTheDrawnWinnerFirstAndTheRestByFinish(@ForAll long seed) {
        Random random = new Random(seed);
        List<Bid> bids = bids(random, LeastFinishStrategy.POWER_OF_TWO_FROM + random.nextInt(500));
        AuctionInfo info = info(random, bids);
        Selection s = new LeastFinishStrategy().select(bids, info);
        Bid winner = s.winner();
        check(s, bids, Comparator.comparing((Bid b) -> b != winner)
                .thenComparingDouble(b -> LeastFinishStrategy.finish(b, info)).thenComparing(Bid.NPU_FIRST));
    }

    @Property(tries = 400)
    void fastestExpected(@ForAll long seed, @ForAll @IntRange(min = 1, max = 40) int n) {
        Random random = new Random(seed);
        List<Bid> bids = bids(random, n);
        AuctionInfo info = info(random, bids);
        // the documented rule, computed apart: history, or the bid's task time scaled by the mean ratio
        double sum = 0;
        int known = 0;
        for (Bid b : bids) {
            OptionalDouble h = info.expectedSeconds(b.deviceId(), b.hasNpu());
            if (h.isPresent()) {
                sum += h.getAsDouble() / LeastFinishStrategy.taskTime(b);
                known++;
            }
        }
        double scale = known == 0 ? 1.0 : sum / known;
        Comparator<Bid> order = Comparator.comparingDouble((Bid b) -> {
            OptionalDouble h = info.expectedSeconds(b.deviceId(), b.hasNpu());
            double perTask = h.isPresent() ? h.getAsDouble() : scale * LeastFinishStrategy.taskTime(b);
            return (info.outstanding(b.deviceId()) + 1) * perTask;
        }).thenComparing(Bid.NPU_FIRST);
        check(new FastestExpectedStrategy().select(bids, info), bids, order);
    }

    /** The winner and the runner-up as the strategy found them, then the whole order, against a stable sort. */
    static void check(Selection selection, List<Bid> bids, Comparator<Bid> order) {
        List<Bid> sorted = bids.stream().sorted(order).toList(); // a stable sort
        assertSame(sorted.get(0), selection.winner(), () -> "winner, over " + bids);
        if (bids.size() > 1) {
            assertSame(sorted.get(1), selection.ranking().get(1), () -> "second place, over " + bids);
        }
        assertEquals(sorted, List.copyOf(selection.ranking()), () -> "the whole ranking, over " + bids);
        assertEquals(null, selection.problemWith(bids));
        List<Bid> scanned = Ranking.of(bids, order); // the ranking's own full scan agrees too
        assertSame(scanned.get(0), selection.winner());
    }

    /** {@code n} bids from few values, so that ties are common; ids unique, in random order. */
    static List<Bid> bids(Random random, int n) {
        double[] loads = {0.0, 0.25, 0.5, 0.75, 1.0};
        int[] batteries = {5, 19, 20, 50, 100};
        List<Bid> bids = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            bids.add(new Bid("Device_" + (char) ('A' + random.nextInt(26)) + i,
                    random.nextInt(8) == 0 ? OptionalDouble.empty() : OptionalDouble.of(loads[random.nextInt(5)]),
                    random.nextInt(8) == 0 ? OptionalDouble.empty() : OptionalDouble.of(loads[random.nextInt(5)]),
                    random.nextInt(8) == 0 ? OptionalInt.empty() : OptionalInt.of(batteries[random.nextInt(5)]),
                    random.nextInt(3) == 0));
        }
        return bids;
    }

    /** Outstanding work of 0 to 2 tasks and, for some bidders, a history of few values. */
    static AuctionInfo info(Random random, List<Bid> bids) {
        Map<String, Integer> outstanding = new HashMap<>();
        Map<String, Double> history = new HashMap<>();
        double[] seconds = {0.5, 1.0, 2.0, 2.5};
        for (Bid b : bids) {
            outstanding.put(b.deviceId(), random.nextInt(3));
            if (random.nextBoolean()) {
                history.put(b.deviceId(), seconds[random.nextInt(4)]);
            }
        }
        long seed = random.nextLong();
        return new AuctionInfo() {
            @Override
            public int outstanding(String deviceId) {
                return outstanding.getOrDefault(deviceId, 0);
            }

            @Override
            public OptionalDouble expectedSeconds(String deviceId, boolean npu) {
                Double s = history.get(deviceId);
                return s == null ? OptionalDouble.empty() : OptionalDouble.of(s);
            }

            @Override
            public long seed() {
                return seed;
            }
        };
    }

}
