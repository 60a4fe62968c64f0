package io.meshbench.bench.suite;

import java.util.Map;

/**
 * One measured result of a suite.
 *
 * @param benchmark    {@code Class.method}
 * @param params       its parameters
 * @param mode         JMH's mode: {@code thrpt}, {@code avgt} or {@code sample}
 * @param score        the mean
 * @param error        JMH's error at 99.9% (half the confidence interval), NaN when too few iterations
 * @param unit         the score's unit
 * @param p50          median (sampled modes; else the score)
 * @param p99          99th percentile (sampled modes; else the score)
 * @param samples      operations sampled or iterations measured
 * @param loadBefore   the machine's 1-minute load average when the run started
 * @param loadAfter    and when it ended
 * @param p50Low       lower confidence bound of p50 (see {@link Bounds}); NaN when not recorded (older summaries)
 * @param p50High      upper confidence bound of p50
 * @param p99Low       lower confidence bound of p99
 * @param p99High      upper confidence bound of p99
 * @param othersBefore CPU cores busy with work other than the suite's just before the run (a probe while the
 *                     suite was idle, see {@link OtherWork}); NaN when not recorded
 * @param othersAfter  and just after it
 */
public record Row(String benchmark, Map<String, String> params, String mode, double score, double error, String unit,
                  double p50, double p99, long samples, double loadBefore, double loadAfter,
                  double p50Low, double p50High, double p99Low, double p99High, double othersBefore, double othersAfter) {

    /** A row without confidence bounds of its percentiles or probes of other work (as older suites wrote them). */
    public Row(String benchmark, Map<String, String> params, String mode, double score, double error, String unit,
               double p50, double p99, long samples, double loadBefore, double loadAfter) {
        this(benchmark, params, mode, score, error, unit, p50, p99, samples, loadBefore, loadAfter,
                Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }

    public String param(String name) {
        return params.getOrDefault(name, "");
    }

    /** The score, p50 or p99 in microseconds (time units only). */
    public double micros(double value) {
        return switch (unit) {
            case "ns/op" -> value / 1000;
            case "us/op" -> value;
            case "ms/op" -> value * 1000;
            case "s/op" -> value * 1e6;
            default -> throw new IllegalStateException(benchmark + " is measured in " + unit + ", not time");
        };
    }

    /** The same row with the other work measured around its step. */
    Row withOthers(double before, double after) {
        return new Row(benchmark, params, mode, score, error, unit, p50, p99, samples, loadBefore, loadAfter,
                p50Low, p50High, p99Low, p99High, before, after);
    }
}
