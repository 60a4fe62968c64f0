package io.meshbench.bench.suite;

import java.util.Map;

/**
 * One measured result of a suite.
 *
 * @param benchmark  {@code Class.method}
 * @param params     its parameters
 * @param mode       JMH's mode: {@code thrpt}, {@code avgt} or {@code sample}
 * @param score      the mean
 * @param error      JMH's error at 99.9% (half the confidence interval), NaN when too few iterations
 * @param unit       the score's unit
 * @param p50        median (sampled modes; else the score)
 * @param p99        99th percentile (sampled modes; else the score)
 * @param samples    operations sampled or iterations measured
 * @param loadBefore the machine's 1-minute load average when the run started
 * @param loadAfter  and when it ended
 */
public record Row(String benchmark, Map<String, String> params, String mode, double score, double error, String unit,
                  double p50, double p99, long samples, double loadBefore, double loadAfter) {

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
}
