package io.meshbench.history;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * What the history says over a time window: per device and unit (NPU or CPU), per strategy and per
 * priority,
 * the tasks, how many completed, latency percentiles (nearest rank, over completed tasks, from the
 * bid request to the result) and tokens a second (generated tokens over the device's run time, where
 * the device's events were seen).
 */
public record HistoryStats(long sinceMs, long untilMs, int tasks, List<Group> devices, List<Group> strategies,
                           List<Group> priorities, Group all) {

    private static final List<String> PRIORITY_ORDER = List.of("high", "normal", "low");

    /**
     * One line of the statistics.
     *
     * @param key             the device id, the strategy, or {@code all}
     * @param unit            {@code NPU}, {@code CPU}, or {@code -} when it does not apply
     * @param npuShare        share of completed tasks that ran on an NPU
     * @param tokensPerSecond null when no task of the group reported tokens
     */
    public record Group(String key, String unit, int tasks, int completed, double successRate, Double p50Ms,
                        Double p95Ms, Double p99Ms, Double tokensPerSecond, double npuShare, Double queueWaitP99Ms) {
    }

    /** The statistics of the tasks in {@code store} that opened between {@code sinceMs} and {@code untilMs} and pass {@code filter}. */
    public static HistoryStats of(HistoryStore store, long sinceMs, long untilMs, Predicate<TaskRecord> filter) {
        List<TaskRecord> rows = store.tasks(sinceMs, untilMs).stream().filter(filter).toList();
        return new HistoryStats(sinceMs, untilMs, rows.size(),
                groups(rows, r -> r.device() == null ? "(no device)" : r.device(), true),
                groups(rows, r -> r.strategy() == null ? "(unknown)" : r.strategy(), false),
                groups(rows, r -> r.priority() == null ? "(unknown)" : r.priority(), false).stream()
                        .sorted(java.util.Comparator.comparingInt(g -> PRIORITY_ORDER.indexOf(g.key()) < 0
                                ? PRIORITY_ORDER.size() : PRIORITY_ORDER.indexOf(g.key()))).toList(),
                group("all", "-", rows));
    }

    private static List<Group> groups(List<TaskRecord> rows, Function<TaskRecord, String> key, boolean byUnit) {
        Map<String, List<TaskRecord>> grouped = new TreeMap<>();
        for (TaskRecord r : rows) {
            String unit = !byUnit ? "-" : r.npu() == null ? "-" : r.npu() ? "NPU" : "CPU";
            grouped.computeIfAbsent(key.apply(r) + "\u0000" + unit, k -> new ArrayList<>()).add(r);
        }
        List<Group> out = new ArrayList<>();
        grouped.forEach((k, list) -> {
            String[] parts = k.split("\u0000", 2);
            out.add(group(parts[0], parts[1], list));
        });
        return out;
    }

    static Group group(String key, String unit, List<TaskRecord> rows) {
        int completed = 0;
        int npu = 0;
        long tokens = 0;
        double tokenSeconds = 0;
        List<Double> latencies = new ArrayList<>();
        List<Double> waits = new ArrayList<>();
        for (TaskRecord r : rows) {
            if (r.queueWaitMs() != null) {
                waits.add(r.queueWaitMs());
            }
            if (!"completed".equals(r.status())) {
                continue;
            }
            completed++;
            npu += Boolean.TRUE.equals(r.npu()) ? 1 : 0;
            if (r.latencyMs() != null) {
                latencies.add(r.latencyMs());
            }
            Double runMs = r.deviceMs() != null ? r.deviceMs() : r.executionMs();
            if (r.generatedTokens() != null && runMs != null && runMs > 0) {
                tokens += r.generatedTokens();
                tokenSeconds += runMs / 1000;
            }
        }
        double[] sorted = latencies.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double[] sortedWaits = waits.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return new Group(key, unit, rows.size(), completed, rows.isEmpty() ? 0 : (double) completed / rows.size(),
                percentile(sorted, 50), percentile(sorted, 95), percentile(sorted, 99),
                tokenSeconds > 0 ? tokens / tokenSeconds : null, completed == 0 ? 0 : (double) npu / completed,
                percentile(sortedWaits, 99));
    }

    /** Nearest rank: the smallest value with at least {@code p}% of the values at or below it; null when empty. */
    static Double percentile(double[] sorted, double p) {
        if (sorted.length == 0) {
            return null;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.clamp(rank, 0, sorted.length - 1)];
    }

    @Override
    public String toString() {
        return "HistoryStats" + Arrays.asList(tasks, devices, strategies);
    }
}
