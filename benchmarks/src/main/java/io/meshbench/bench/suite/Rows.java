package io.meshbench.bench.suite;

import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.util.Statistics;

import java.util.LinkedHashMap;
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
        return new Row(name, params, mode, primary.getScore(), primary.getScoreError(), primary.getScoreUnit(),
                sampled ? stats.getPercentile(50) : primary.getScore(),
                sampled ? stats.getPercentile(99) : primary.getScore(), stats.getN(), loadBefore, loadAfter);
    }
}
