package io.meshbench.bench.suite;

import io.meshbench.bench.load.OpenLoop;

import java.util.List;
import java.util.Optional;

/**
 * A suite's results: every JMH row, the load generator's series, the machine, the load average around the
 * load generator's run, and the benchmarks that failed (the suite goes on past them).
 *
 * @param failures     benchmarks that gave no result, and why (empty in older summaries)
 * @param othersBefore CPU cores busy with other work before the load generator ran (NaN: not probed)
 * @param othersAfter  and after it
 * @param seconds      how long the whole suite took (NaN in older summaries)
 */
public record BenchResults(BenchSuite.Size size, Machine machine, List<Row> rows, OpenLoop.Result load,
                           double loadBefore, double loadAfter, List<Failure> failures, double othersBefore,
                           double othersAfter, double seconds) {

    public BenchResults {
        rows = rows == null ? List.of() : List.copyOf(rows);
        failures = failures == null ? List.of() : List.copyOf(failures);
    }

    /** Results with no failure and no probe of other work, as older suites wrote them. */
    public BenchResults(BenchSuite.Size size, Machine machine, List<Row> rows, OpenLoop.Result load, double loadBefore,
                        double loadAfter) {
        this(size, machine, rows, load, loadBefore, loadAfter, List.of(), Double.NaN, Double.NaN, Double.NaN);
    }

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
