package io.meshbench.auction;

import io.meshbench.plugin.api.Bid;
import io.meshbench.plugin.api.Selection;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

/**
 * NPU-first finds its winner in one pass (counting the NPU bidders on the way); its ranking is still
 * exactly the stable sort of the bids by the original order, ties included (bids of few values: equal
 * loads, unknowns, and the odd load outside 0..1 a plugin could make).
 */
class NpuFirstOnePassProperties {

    @Property(tries = 500)
    void theOnePassWinnerIsTheFirstOfTheSortedRanking(@ForAll long seed, @ForAll @IntRange(min = 1, max = 40) int n) {
        Random random = new Random(seed);
        double[] loads = {0.0, -0.0, 0.5, 1.0, 1.5, Double.NaN};
        List<Bid> bids = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            bids.add(new Bid("Device_" + (char) ('A' + random.nextInt(26)) + i,
                    random.nextInt(6) == 0 ? OptionalDouble.empty()
                            : OptionalDouble.of(loads[random.nextInt(random.nextInt(10) == 0 ? 6 : 4)]),
                    random.nextInt(6) == 0 ? OptionalDouble.empty() : OptionalDouble.of(loads[random.nextInt(3)]),
                    random.nextInt(6) == 0 ? OptionalInt.empty() : OptionalInt.of(random.nextInt(3) * 50),
                    random.nextBoolean()));
        }
        Selection s = new NpuFirstStrategy().select(bids);
        List<Bid> sorted = bids.stream().sorted(Bid.NPU_FIRST).toList();
        assertSame(sorted.get(0), s.winner(), () -> "over " + bids);
        assertEquals(sorted, List.copyOf(s.ranking()), () -> "over " + bids);
    }
}
