package io.meshbench.report;

/**
 * End-to-end latency of the completed tasks of a run, in milliseconds. The percentiles come from
 * an HdrHistogram at 3 significant digits (within 0.1%); nearest rank: p95 is the smallest
 * latency that at least 95% of tasks did not exceed.
 */
public record Latency(int count, double p50, double p95, double p99, double mean, double max) {
}
