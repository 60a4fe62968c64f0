package io.meshbench.plugin.api;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RankingTest {

    private static List<Bid> bids(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Bid> bids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            // few distinct loads, so that ties are common and stability matters
            bids.add(new Bid("D" + random.nextInt(n), OptionalDouble.of(random.nextInt(5) / 10.0),
                    OptionalDouble.of(0.5), OptionalInt.of(50), random.nextBoolean()));
        }
        return bids;
    }

    /** Only the CPU load: a partial order with many ties, where a stable sort keeps input order. */
    private static final Comparator<Bid> BY_CPU = Comparator.comparingDouble(Bid::cpuLoadOrWorst);

    @Test
    void itIsTheOrderOfAStableSortWhateverIsReadFirst() {
        for (long seed = 0; seed < 50; seed++) {
            List<Bid> bids = bids(1 + (int) seed * 7, seed);
            List<Bid> expected = new ArrayList<>(bids);
            expected.sort(BY_CPU);
            List<Bid> lazy = Ranking.of(bids, BY_CPU);
            assertEquals(expected.get(0), lazy.get(0));
            if (bids.size() > 1) {
                assertEquals(expected.get(1), lazy.get(1), "the runner-up by a second pass");
            }
            assertEquals(expected, lazy, "and the whole order once it is read");
            assertEquals(expected.get(expected.size() - 1), lazy.get(lazy.size() - 1));
        }
    }

    @Test
    void byScoreIsHighestFirstWithTiesBrokenAndEachScoreComputedOnce() {
        for (long seed = 0; seed < 30; seed++) {
            List<Bid> bids = bids(1 + (int) seed * 11, seed);
            AtomicLong scored = new AtomicLong();
            java.util.function.ToDoubleFunction<Bid> score = b -> {
                scored.incrementAndGet();
                return Math.round(b.cpuLoadOrWorst() * 10) % 3; // few distinct scores: many ties
            };
            List<Bid> expected = new ArrayList<>(bids);
            expected.sort(Comparator.comparingDouble((Bid b) -> -Math.round(b.cpuLoadOrWorst() * 10) % 3 * 1.0)
                    .thenComparing(Bid.LEAST_LOADED));
            List<Bid> lazy = Ranking.byScore(bids, score, Bid.LEAST_LOADED);
            assertEquals(bids.size(), scored.get(), "one score per bid");
            assertEquals(expected.get(0), lazy.get(0));
            assertEquals(expected, lazy);
            assertEquals(bids.size(), scored.get(), "and no more when sorted");
        }
    }

    @Test
    void theWinnerAndRunnerUpCostLinearPassesNotASort() {
        AtomicLong comparisons = new AtomicLong();
        Comparator<Bid> counting = (a, b) -> {
            comparisons.incrementAndGet();
            return BY_CPU.compare(a, b);
        };
        List<Bid> bids = bids(10_000, 1);
        List<Bid> lazy = Ranking.of(bids, counting);
        lazy.get(0);
        lazy.get(1);
        assertTrue(comparisons.get() <= 2 * bids.size(), "two passes: " + comparisons.get() + " comparisons");
        lazy.get(2);
        assertTrue(comparisons.get() > 3 * bids.size(), "a later place sorts: " + comparisons.get());
    }

    @Test
    void aSelectionOverItsOwnBidsIsValidWithoutAFullCheckAndCopiesNothing() {
        List<Bid> bids = bids(100, 2);
        Selection selection = new Selection(Ranking.of(bids, BY_CPU), "Lowest CPU", "why");
        assertNull(selection.problemWith(bids));
        List<Bid> others = bids(100, 3);
        assertTrue(selection.problemWith(others) != null, "other bids: checked in full, and found wrong");
        assertThrows(UnsupportedOperationException.class, () -> selection.ranking().set(0, bids.get(1)));
        assertThrows(IllegalArgumentException.class, () -> Ranking.of(List.of(), BY_CPU));
    }

    @Test
    void leadersFoundInTheStrategysPassAskTheOrderOnlyOnEqualKeysAndMakeTheSameRanking() {
        for (long seed = 0; seed < 50; seed++) {
            List<Bid> bids = bids(1 + (int) seed * 13, seed);
            AtomicLong comparisons = new AtomicLong();
            Comparator<Bid> counting = (a, b) -> {
                comparisons.incrementAndGet();
                return BY_CPU.compare(a, b);
            };
            Ranking.Leaders leaders = new Ranking.Leaders(counting, true);
            long ties = 0;
            double best = Double.POSITIVE_INFINITY;
            for (Bid b : bids) {
                ties += b.cpuLoadOrWorst() == best ? 1 : 0;
                best = Math.min(best, b.cpuLoadOrWorst());
                leaders.offer(b, b.cpuLoadOrWorst());
            }
            List<Bid> expected = new ArrayList<>(bids);
            expected.sort(BY_CPU);
            List<Bid> ranking = Ranking.of(bids, counting, leaders);
            assertEquals(expected.get(0), ranking.get(0));
            assertEquals(expected.get(0), leaders.first());
            assertEquals(expected.get(0), bids.get(leaders.firstIndex()));
            if (bids.size() > 1) {
                assertEquals(expected.get(1), leaders.second());
                assertEquals(expected.get(1), ranking.get(1));
            }
            assertTrue(comparisons.get() <= 2L * bids.size(), "comparisons only on equal keys: " + comparisons.get());
            assertEquals(expected, ranking, "and the whole order once it is read");
        }
    }

    @Test
    void leadersMustHaveSeenEveryBid() {
        List<Bid> bids = bids(10, 4);
        Ranking.Leaders leaders = new Ranking.Leaders(BY_CPU, false);
        leaders.offer(bids.get(0), bids.get(0).cpuLoadOrWorst());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Ranking.of(bids, BY_CPU, leaders));
        assertTrue(e.getMessage().contains("offered 1 bids, not the 10"), e.getMessage());
    }

    @Test
    void keysAgreeWithTheirOrders() {
        List<Bid> bids = new ArrayList<>(bids(200, 5));
        bids.add(new Bid("U", OptionalDouble.empty(), OptionalDouble.empty(), OptionalInt.empty(), true));
        bids.add(new Bid("V", OptionalDouble.empty(), OptionalDouble.empty(), OptionalInt.empty(), false));
        for (Bid a : bids) {
            for (Bid b : bids) {
                if (a.npuFirstKey() < b.npuFirstKey()) {
                    assertTrue(Bid.NPU_FIRST.compare(a, b) < 0, a + " before " + b);
                }
                if (a.leastLoadedKey() < b.leastLoadedKey()) {
                    assertTrue(Bid.LEAST_LOADED.compare(a, b) < 0, a + " before " + b);
                }
            }
        }
    }
}
