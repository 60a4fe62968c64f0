package io.meshbench.bench.jmh;

import io.meshbench.auction.NpuFirstStrategy;
import io.meshbench.event.MeshEvent;
import io.meshbench.plugin.PluginRegistry;
import io.meshbench.plugin.api.AuctionInfo;
import io.meshbench.plugin.api.Bid;
import io.meshbench.plugin.api.Selection;
import io.meshbench.plugin.api.SelectionStrategy;
import io.meshbench.plugins.strategies.BatteryAwareStrategy;
import io.meshbench.plugins.strategies.FastestExpectedStrategy;
import io.meshbench.plugins.strategies.LeastFinishStrategy;
import io.meshbench.plugins.strategies.LowestCpuStrategy;
import io.meshbench.plugins.strategies.WeightedStrategy;
import io.meshbench.schedule.Workload;
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
 * One selection (a ranking and its reason) by each bundled strategy over N bids, as the orchestrator
 * makes it: the strategy as the plugin host hands it out (guarded, its selection checked against the
 * contract), called with the auction's info, and the orchestrator's own check of the selection. The
 * bids are a fixed seeded mix: a quarter with an NPU, loads spread over 0..1, batteries over 0..100,
 * a few devices that could not measure a value, in a fresh list in the peer-list order, as the
 * orchestrator hands them over; the info is the orchestrator's own ({@link Workload#info}), which
 * gives each bidder 0 to 3 outstanding tasks and two thirds of them a predicted run time.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class SelectionBenchmark {

    @Param({NpuFirstStrategy.NAME, LowestCpuStrategy.NAME, WeightedStrategy.NAME, BatteryAwareStrategy.NAME,
            LeastFinishStrategy.NAME, FastestExpectedStrategy.NAME})
    public String strategy;

    @Param({"3", "10", "100", "1000", "10000"})
    public int bids;

    private SelectionStrategy chosen;
    private List<Bid> offered;
    private AuctionInfo info;

    @Setup
    public void setUp() {
        chosen = PluginRegistry.fromClassPath().strategy(strategy);
        offered = new ArrayList<>(bids(bids, 42));
        info = orchestratorInfo(offered, 7);
    }

    /**
     * The same outstanding work and predictions as {@link BalancingSelectionBenchmark#info}, held as the
     * orchestrator holds them: a {@link Workload} that saw each task handed out (its
     * {@code TaskAssigned} events) and a forecast that learnt each prediction (on both units), asked
     * for the info of an auction of a 12-token prompt.
     */
    static AuctionInfo orchestratorInfo(List<Bid> bids, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Workload workload = new Workload();
        String prompt = "x".repeat(48); // 12 tokens
        int task = 0;
        for (Bid b : bids) {
            for (int k = random.nextInt(4); k > 0; k--) {
                workload.observe(new MeshEvent.TaskAssigned(0, "Orchestrator", "task-" + task++, b.deviceId(), b.hasNpu(),
                        "text", prompt));
            }
            if (random.nextInt(3) > 0) {
                double seconds = 0.5 + random.nextDouble() * 4;
                workload.forecast().observe(b.deviceId(), true, 12, seconds);
                workload.forecast().observe(b.deviceId(), false, 12, seconds);
            }
        }
        workload.observe(new MeshEvent.AuctionOpened(0, "Orchestrator", "auction", prompt, List.of(), 0));
        return workload.info("auction");
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
        Selection selection = chosen.select(offered, info);
        String invalid = selection.problemWith(offered); // the orchestrator checks it too
        if (invalid != null) {
            throw new IllegalStateException(strategy + " " + invalid);
        }
        return selection;
    }
}
