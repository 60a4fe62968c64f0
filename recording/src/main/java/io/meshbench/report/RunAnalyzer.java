package io.meshbench.report;

import io.meshbench.event.MeshEvent;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Computes the statistics of a run from its events: subscribe it to a live {@code EventBus}, or
 * feed it a recording. Thread-safe (events may come from many nodes' threads); {@link #report}
 * may be called at any time, also while the run goes on.
 */
public final class RunAnalyzer implements Consumer<MeshEvent> {

    private final Duration taskDeadline;
    private final RunStats stats;
    private final TaskTracker tasks = new TaskTracker();
    private final DeviceTracker devices = new DeviceTracker();
    private long start = Long.MAX_VALUE;
    private long end = Long.MIN_VALUE;

    /** An analyzer without a task deadline. */
    public RunAnalyzer() {
        this(null);
    }

    /** @param taskDeadline a task that does not complete within it counts as a deadline miss; may be null */
    public RunAnalyzer(Duration taskDeadline) {
        this.taskDeadline = taskDeadline;
        this.stats = new RunStats(taskDeadline);
    }

    /** The statistics of {@code events}. */
    public static RunReport analyze(String name, Map<String, String> metadata, Iterable<? extends MeshEvent> events,
                                    Duration taskDeadline) {
        RunAnalyzer analyzer = new RunAnalyzer(taskDeadline);
        events.forEach(analyzer);
        return analyzer.report(name, metadata);
    }

    @Override
    public synchronized void accept(MeshEvent event) {
        start = Math.min(start, event.time());
        end = Math.max(end, event.time());
        stats.accept(event);
        tasks.accept(event);
        devices.accept(event);
    }

    /** The report of every event so far. */
    public synchronized RunReport report(String name, Map<String, String> metadata) {
        long runStart = start == Long.MAX_VALUE ? 0 : start;
        long runEnd = end == Long.MIN_VALUE ? 0 : end;
        List<TaskRow> rows = tasks.rows(runStart);
        List<DeviceStats> deviceStats = devices.stats();
        List<Long> latencies = tasks.latencies();
        RunSummary summary = summarize(name, metadata, runEnd - runStart, deviceStats);
        return new RunReport(summary, rows, deviceStats, latencies, devices.battery(), devices.activity(runEnd),
                runStart, runEnd);
    }

    /** The summary is {@link RunStats}'s, the same numbers the terminal and {@code compare} show. */
    private RunSummary summarize(String name, Map<String, String> metadata, long duration, List<DeviceStats> deviceStats) {
        Map<String, Integer> perDevice = new LinkedHashMap<>();
        Map<String, Integer> minBattery = new LinkedHashMap<>();
        for (DeviceStats d : deviceStats) {
            perDevice.put(d.device(), d.completed());
            if (d.minBattery() >= 0) {
                minBattery.put(d.device(), d.minBattery());
            }
        }
        Map<String, Integer> reasons = new TreeMap<>();
        stats.failureReasons().forEach((reason, n) -> reasons.put(reason, Math.toIntExact(n)));
        long deadlineMisses = taskDeadline == null ? 0 : stats.deadlineMisses() + stats.unfinished();
        return new RunSummary(name, metadata == null ? Map.of() : Map.copyOf(metadata), duration / 1e9,
                deviceStats.size(), (int) stats.opened(), (int) stats.completed(), (int) stats.failed(),
                (int) stats.unfinished(), stats.latency(), stats.split(), stats.npuShare(), perDevice, minBattery,
                (int) stats.auctionsClosedByDeadline(), (int) stats.missedBids(), (int) stats.resultTimeouts(),
                taskDeadline == null ? null : taskDeadline.toNanos() / 1e6, (int) deadlineMisses, reasons,
                stats.messages(), stats.problems(), stats.queue(), stats.rejections(), stats.failover());
    }
}
