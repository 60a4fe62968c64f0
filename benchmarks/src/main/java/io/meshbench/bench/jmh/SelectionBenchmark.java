package io.meshbench.bench.jmh;

import io.meshbench.auction.NpuFirstStrategy;
import io.meshbench.plugin.api.Bid;
import io.meshbench.plugin.api.Selection;
import io.meshbench.plugin.api.SelectionStrategy;
import io.meshbench.plugins.strategies.BatteryAwareStrategy;
import io.meshbench.plugins.strategies.LowestCpuStrategy;
import io.meshbench.plugins.strategies.WeightedStrategy;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * One selection (a whole ranking and its reason) by each bundled strategy over N bids. The bids are
 * a fixed seeded mix: a quarter with an NPU, loads spread over 0..1, batteries over 0..100, a few
 * devices that could not measure a value, in the peer-list order an orchestrator hands them over.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class SelectionBenchmark {

    @Param({NpuFirstStrategy.NAME, LowestCpuStrategy.NAME, WeightedStrategy.NAME, BatteryAwareStrategy.NAME})
    public String strategy;

    @Param({"3", "10", "100", "1000", "10000"})
    public int bids;

    private SelectionStrategy chosen;
    private List<Bid> offered;

    @Setup
    public void setUp() {
        chosen = strategy(strategy);
        offered = bids(bids, 42);
    }

    public static SelectionStrategy strategy(String name) {
        return switch (name) {
            case NpuFirstStrategy.NAME -> new NpuFirstStrategy();
            case LowestCpuStrategy.NAME -> new LowestCpuStrategy();
            case WeightedStrategy.NAME -> new WeightedStrategy();
            case BatteryAwareStrategy.NAME -> new BatteryAwareStrategy();
            default -> throw new IllegalArgumentException("unknown strategy " + name + ": expected "
                    + NpuFirstStrategy.NAME + ", " + LowestCpuStrategy.NAME + ", " + WeightedStrategy.NAME + " or "
                    + BatteryAwareStrategy.NAME);
        };
    }

    /** {@code n} bids from {@code seed}: the same list every time for the same arguments. */
    public static List<Bid> bids(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Bid> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            boolean unknown = random.nextInt(50) == 0;
            list.add(new Bid("Device_" + i,
                    unknown ? OptionalDouble.empty() : OptionalDouble.of(random.nextInt(10_001) / 10_000.0),
                    OptionalDouble.of(random.nextInt(10_001) / 10_000.0),
                    unknown ? OptionalInt.empty() : OptionalInt.of(random.nextInt(101)),
                    random.nextInt(4) == 0));
        }
        return List.copyOf(list);
    }

    @Benchmark
    public Selection select() {
        return chosen.select(offered);
    }
}
