package io.meshbench.bench.suite;

import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.util.Statistics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** JMH's results as {@link Row}s. */
final class Rows {
    private Rows() {
    }

    static Row of(RunResult run, double loadBefore, double loadAfter) {
        Result<?> primary = run.getPrimaryResult();
        Statistics stats = primary.getStatistics();
        String name = run.getParams().getBenchmark();
        name = name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1);
        Map<String, String> params = new LinkedHashMap<>();
        for (String key : run.getParams().getParamsKeys()) {
            params.put(key, run.getParams().getParam(key));
        }
        String mode = run.getParams().getMode().shortLabel();
        boolean sampled = "sample".equals(mode);
        double[] p50 = {Double.NaN, Double.NaN}, p99 = {Double.NaN, Double.NaN};
        if (sampled) {
            List<Statistics> iterations = new ArrayList<>();
            for (BenchmarkResult b : run.getBenchmarkResults()) {
                for (IterationResult i : b.getIterationResults()) {
                    iterations.add(i.getPrimaryResult().getStatistics());
                }
            }
            p50 = Bounds.of(stats::getPercentile, stats.getN(), 0.50,
                    iterations.stream().mapToDouble(s -> s.getPercentile(50)).toArray());
            p99 = Bounds.of(stats::getPercentile, stats.getN(), 0.99,
                    iterations.stream().mapToDouble(s -> s.getPercentile(99)).toArray());
        }
        return new Row(name, params, mode, primary.getScore(), primary.getScoreError(), primary.getScoreUnit(),
                sampled ? stats.getPercentile(50) : primary.getScore(),
                sampled ? stats.getPercentile(99) : primary.getScore(), stats.getN(), loadBefore, loadAfter,
                p50[0], p50[1], p99[0], p99[1], Double.NaN, Double.NaN);
    }
}
