package io.meshbench.report;

import io.meshbench.event.MeshEvent;
import org.HdrHistogram.Histogram;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Computes the statistics of a run from its events: subscribe it to a live {@code EventBus}, or
 * feed it a recording. Thread-safe (events may come from many nodes' threads); {@link #report}
 * may be called at any time, also while the run goes on.
 */
public final class RunAnalyzer implements Consumer<MeshEvent> {

    private final Duration taskDeadline;
    private final TaskTracker tasks = new TaskTracker();
    private final DeviceTracker devices = new DeviceTracker();
    private long start = Long.MAX_VALUE;
    private long end = Long.MIN_VALUE;
    private long messages;
    private long problems;
    private long peersDown;
    private final io.meshbench.verify.HistoryChecker history = new io.meshbench.verify.HistoryChecker();
    private int closedByDeadline;
    private int missedBids;

    /** An analyzer without a task deadline. */
    public RunAnalyzer() {
        this(null);
    }

    /** @param taskDeadline a task that does not complete within it counts as a deadline miss; may be null */
    public RunAnalyzer(Duration taskDeadline) {
        this.taskDeadline = taskDeadline;
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
        tasks.accept(event);
        devices.accept(event);
        history.accept(event);
        switch (event) {
            case MeshEvent.MessageSent e -> messages++;
            case MeshEvent.AuctionClosed e -> {
                if ("deadline".equals(e.closedBy())) {
                    closedByDeadline++;
                }
                missedBids += e.missing().size();
            }
            case MeshEvent.InputRejected e -> problems++;
            case MeshEvent.BidIgnored e -> problems++;
            case MeshEvent.ResultIgnored e -> problems++;
            case MeshEvent.DeliveryFailed e -> problems++;
            case MeshEvent.NodeError e -> problems++;
            case MeshEvent.PeerStateChanged e when e.state() == io.meshbench.health.PeerState.DOWN -> peersDown++;
            default -> {
            }
        }
    }

    /** The report of every event so far. */
    public synchronized RunReport report(String name, Map<String, String> metadata) {
        long runStart = start == Long.MAX_VALUE ? 0 : start;
        long runEnd = end == Long.MIN_VALUE ? 0 : end;
        List<TaskRow> rows = tasks.rows(runStart);
        List<DeviceStats> deviceStats = devices.stats();
        List<Long> latencies = tasks.latencies();
        RunSummary summary = summarize(name, metadata, runEnd - runStart, rows, deviceStats, latencies);
        return new RunReport(summary, rows, deviceStats, latencies, devices.battery(), devices.activity(runEnd),
                runStart, runEnd);
    }

    private RunSummary summarize(String name, Map<String, String> metadata, long duration, List<TaskRow> rows,
                                 List<DeviceStats> deviceStats, List<Long> latencies) {
        io.meshbench.verify.HistoryChecker.Verdict verdict = history.verdict();
        int completed = 0;
        int failed = 0;
        int unfinished = 0;
        int npu = 0;
        int resultTimeouts = 0;
        int deadlineMisses = 0;
        double bidding = 0, selection = 0, device = 0, transfer = 0;
        Map<String, Integer> reasons = new TreeMap<>();
        for (TaskRow row : rows) {
            switch (row.status()) {
                case TaskRow.COMPLETED -> {
                    completed++;
                    npu += row.npu() ? 1 : 0;
                    bidding += Math.max(0, row.bidding());
                    selection += Math.max(0, row.selection());
                    device += Math.max(0, row.deviceExecution());
                    transfer += Math.max(0, row.transfer());
                }
                case TaskRow.FAILED -> {
                    failed++;
                    reasons.merge(row.reason(), 1, Integer::sum);
                    // The orchestrator's own words when the winner's RESULT does not come in time.
                    resultTimeouts += row.reason().startsWith("no RESULT from") ? 1 : 0;
                }
                default -> unfinished++;
            }
            if (taskDeadline != null && (!row.completed() || row.total() > taskDeadline.toNanos())) {
                deadlineMisses++;
            }
        }
        TimeSplit split = completed == 0 ? null : new TimeSplit(ms(bidding / completed), ms(selection / completed),
                ms(device / completed), ms(transfer / completed));
        Map<String, Integer> perDevice = new LinkedHashMap<>();
        Map<String, Integer> minBattery = new LinkedHashMap<>();
        for (DeviceStats d : deviceStats) {
            perDevice.put(d.device(), d.completed());
            if (d.minBattery() >= 0) {
                minBattery.put(d.device(), d.minBattery());
            }
        }
        return new RunSummary(name, metadata == null ? Map.of() : Map.copyOf(metadata), duration / 1e9,
                deviceStats.size(), rows.size(), completed, failed, unfinished, latency(latencies).orElse(null), split,
                completed == 0 ? 0 : (double) npu / completed, perDevice, minBattery, closedByDeadline, missedBids,
                resultTimeouts, taskDeadline == null ? null : taskDeadline.toNanos() / 1e6, deadlineMisses, reasons,
                messages, problems, new RunSummary.Failover(verdict.attemptsFailed(), verdict.failovers(),
                verdict.lateResults(), peersDown, verdict.violationCount()));
    }

    /** Percentiles at 3 significant digits, from a histogram in microseconds; mean and max exact. */
    static Optional<Latency> latency(List<Long> latencies) {
        if (latencies.isEmpty()) {
            return Optional.empty();
        }
        Histogram histogram = histogram(latencies);
        double sum = 0;
        long max = Long.MIN_VALUE;
        for (long l : latencies) {
            sum += l;
            max = Math.max(max, l);
        }
        return Optional.of(new Latency(latencies.size(), histogram.getValueAtPercentile(50) / 1e3,
                histogram.getValueAtPercentile(95) / 1e3, histogram.getValueAtPercentile(99) / 1e3,
                ms(sum / latencies.size()), ms(max)));
    }

    /** Latencies in microseconds: wide enough for hours, fine enough for a loopback round trip. */
    static Histogram histogram(List<Long> latencies) {
        Histogram histogram = new Histogram(3);
        for (long l : latencies) {
            histogram.recordValue(Math.max(0, l / 1_000));
        }
        return histogram;
    }

    private static double ms(double nanos) {
        return nanos / 1e6;
    }
}
