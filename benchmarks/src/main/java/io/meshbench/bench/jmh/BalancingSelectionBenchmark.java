package io.meshbench.bench.jmh;

import io.meshbench.auction.NpuFirstStrategy;
import io.meshbench.plugin.api.AuctionInfo;
import io.meshbench.plugin.api.Bid;
import io.meshbench.plugin.api.Selection;
import io.meshbench.plugin.api.SelectionStrategy;
import io.meshbench.plugins.strategies.FastestExpectedStrategy;
import io.meshbench.plugins.strategies.LeastFinishStrategy;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * One selection by the scheduling strategies over N bids, with what the orchestrator hands them: each
 * bidder's outstanding work (0 to 3 tasks) and, for two thirds of them, a predicted run time from
 * history; npu-first on the same bids for comparison. Bids as {@link SelectionBenchmark}'s. From 1,000
 * bids least-finish draws two choices.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class BalancingSelectionBenchmark {

    @Param({NpuFirstStrategy.NAME, LeastFinishStrategy.NAME, FastestExpectedStrategy.NAME})
    public String strategy;

    @Param({"3", "100", "10000"})
    public int bids;

    private SelectionStrategy chosen;
    private List<Bid> offered;
    private AuctionInfo info;

    @Setup
    public void setUp() {
        chosen = switch (strategy) {
            case LeastFinishStrategy.NAME -> new LeastFinishStrategy();
            case FastestExpectedStrategy.NAME -> new FastestExpectedStrategy();
            default -> new NpuFirstStrategy();
        };
        offered = SelectionBenchmark.bids(bids, 42);
        info = info(offered, 7);
    }

    /** Outstanding work and predictions for {@code bids}, from {@code seed}. */
    static AuctionInfo info(List<Bid> bids, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Map<String, Integer> outstanding = new HashMap<>();
        Map<String, Double> seconds = new HashMap<>();
        for (Bid b : bids) {
            outstanding.put(b.deviceId(), random.nextInt(4));
            if (random.nextInt(3) > 0) {
                seconds.put(b.deviceId(), 0.5 + random.nextDouble() * 4);
            }
        }
        return new AuctionInfo() {
            @Override
            public int promptTokens() {
                return 12;
            }

            @Override
            public int outstanding(String deviceId) {
                return outstanding.getOrDefault(deviceId, 0);
            }

            @Override
            public OptionalDouble expectedSeconds(String deviceId, boolean npu) {
                Double s = seconds.get(deviceId);
                return s == null ? OptionalDouble.empty() : OptionalDouble.of(s);
            }

            @Override
            public long seed() {
                return 99;
            }
        };
    }

    @Benchmark
    public Selection select() {
        return chosen.select(offered, info);
    }
}
