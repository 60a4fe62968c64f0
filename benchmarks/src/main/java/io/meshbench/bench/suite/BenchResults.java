package io.meshbench.bench.suite;

import io.meshbench.bench.load.OpenLoop;

import java.util.List;
import java.util.Optional;

/**
 * A suite's results: every JMH row (or scale row), the load generator's steps, the machine, the load
 * average around the load generator's run, and what failed.
 */
public record BenchResults(BenchSuite.Size size, Machine machine, List<Row> rows, OpenLoop.Result load,
                           double loadBefore, double loadAfter, List<Failure> failures) {

    /**
     * A benchmark that did not finish, and why; the suite's other results are kept.
     *
     * @param benchmark what failed (a scale scenario's name, a benchmark's {@code Class.method})
     * @param reason    why, in words, with what to do when there is something to do
     */
    public record Failure(String benchmark, String reason) {
    }

    public BenchResults {
        failures = failures == null ? List.of() : List.copyOf(failures); // summaries written before failures were kept
    }

    public BenchResults(BenchSuite.Size size, Machine machine, List<Row> rows, OpenLoop.Result load, double loadBefore,
                        double loadAfter) {
        this(size, machine, rows, load, loadBefore, loadAfter, List.of());
    }

    /** The seed's orchestrator waits this long for bids, whatever the peers do (orchestrator_p2p.py's bid_timeout). */
    public static final double SEED_BID_WAIT_US = 10_000_000;

    /** The round trip of {@code method} ({@code auction} or {@code task}) on {@code mesh} with {@code peers}. */
    public Optional<Row> roundTrip(String method, String mesh, int peers) {
        return rows.stream().filter(r -> r.benchmark().equals("RoundTripBenchmark." + method)
                && r.param("mesh").equals(mesh) && (peers < 0 || r.param("peers").equals(String.valueOf(peers)))).findFirst();
    }

    public Optional<Row> selection(String strategy, int bids) {
        return rows.stream().filter(r -> r.benchmark().equals("SelectionBenchmark.select")
                && r.param("strategy").equals(strategy) && r.param("bids").equals(String.valueOf(bids))).findFirst();
    }

    public Optional<Row> codec(String method, String type) {
        return rows.stream().filter(r -> r.benchmark().equals("CodecBenchmark." + method)
                && r.param("type").equals(type)).findFirst();
    }
}
