package io.meshbench.report;

import io.meshbench.event.MeshEvent;
import io.meshbench.protocol.TaskResult;
import io.meshbench.verify.HistoryChecker;
import org.HdrHistogram.Histogram;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The one fold over a run's event stream that every statistic comes from: the terminal summary of
 * {@code scenario run}, the scenario's expectations, {@code compare}, and the summary of an HTML
 * report ({@link RunAnalyzer}). Tasks asked, completed and failed (and why), latency percentiles,
 * the time split, tasks per device, the NPU share, batteries, auctions closed by their deadline.
 *
 * <p>Constant memory in the number of tasks (state is kept only for tasks in flight), so a run of
 * a million tasks costs what a run of ten does. Percentiles come from an HdrHistogram of
 * microseconds at 3 significant digits (within 0.1%), by nearest rank: p95 is the smallest latency
 * that at least 95% of the completed tasks did not exceed. Thread-safe.
 */
public final class RunStats implements Consumer<MeshEvent> {

    private final Long deadlineNanos;
    private long opened;
    private long completed;
    private long failed;
    private long npuTasks;
    private long resultTimeouts;
    private long deadlineMisses;
    private final Histogram latency = new Histogram(3);
    private double latencySum;
    private long latencyMax = Long.MIN_VALUE;
    private double bidding;
    private double selection;
    private double deviceExecution;
    private double transfer;
    private long closedByDeadline;
    private long missedBids;
    private long messages;
    private long peersDown;
    private long problems;
    private long start = Long.MAX_VALUE;
    private long end = Long.MIN_VALUE;
    private final Map<String, Long> perDevice = new HashMap<>();
    private final Map<String, Long> failures = new TreeMap<>();
    /** Per device that reported one: {lowest battery, last battery}; one lookup per sample. */
    private final Map<String, int[]> batteries = new HashMap<>();
    /** In flight only, per assigned task: whether it runs on an NPU, and how long its device said it ran. */
    private final Map<String, InFlight> assigned = new HashMap<>();
    private final HistoryChecker history = new HistoryChecker();
    /** Rejected inputs by kind ({@link RejectionKind}): forged, replayed, junk, floods. */
    private final Map<String, Integer> rejections = RejectionKind.newCounts();
    /** In a queue now or lately, per task: {first queued, last wait when it left, 1 while waiting}. */
    private final Map<String, long[]> queueing = new HashMap<>();
    private final Histogram queueWaits = new Histogram(3);
    private long queued;
    private int longestQueue;
    private long endedWaiting;
    private long queueWaitMax;
    private long expired;

    /** Statistics without a task deadline. */
    public RunStats() {
        this(null);
    }

    /** @param taskDeadline a task that does not complete within it counts as a deadline miss; may be null */
    public RunStats(Duration taskDeadline) {
        this.deadlineNanos = taskDeadline == null ? null : taskDeadline.toNanos();
    }

    @Override
    public synchronized void accept(MeshEvent event) {
        start = Math.min(start, event.time());
        end = Math.max(end, event.time());
        history.accept(event);
        switch (event) {
            case MeshEvent.AuctionOpened e -> opened++;
            case MeshEvent.AuctionClosed e -> {
                if (e.closedBy() == io.meshbench.event.ClosedBy.DEADLINE) {
                    closedByDeadline++;
                }
                missedBids += e.missing().size();
            }
            case MeshEvent.TaskAssigned e -> {
                InFlight task = assigned.get(e.taskId());
                if (task == null) {
                    assigned.put(e.taskId(), new InFlight(e.useNpu()));
                } else {
                    task.npu = e.useNpu(); // assigned again: the last assignment's unit counts
                }
            }
            case MeshEvent.TaskQueued e -> {
                long[] q = queueing.get(e.taskId());
                if (q == null) {
                    queued++;
                    queueing.put(e.taskId(), new long[] {e.time(), 0, 1});
                } else {
                    q[2] = 1;
                }
                longestQueue = Math.max(longestQueue, e.queueLength());
            }
            case MeshEvent.TaskDequeued e -> {
                long[] q = queueing.get(e.taskId());
                if (q != null) {
                    q[1] = e.waitedNanos();
                    q[2] = 0;
                }
            }
            case MeshEvent.TaskExecuted e -> {
                InFlight task = assigned.get(e.taskId());
                if (task != null) { // a run of a task whose orchestrator is in this stream
                    task.ran = e.elapsedNanos();
                    task.executed = true;
                }
            }
            case MeshEvent.TaskCompleted e when !TaskResult.COMPLETED.equals(e.status()) -> {
                // the device answered, but with a failure (busy, model failed, timed out)
                queueEnded(e.taskId(), e.time());
                fail(e.taskId(), e.device() + " reported " + e.status()
                        + (e.output() == null || e.output().isBlank() ? "" : ": " + firstLine(e.output())));
            }
            case MeshEvent.TaskCompleted e -> complete(e);
            case MeshEvent.TaskFailed e -> {
                queueEnded(e.taskId(), e.time());
                // The orchestrator's words when a task's own deadline passed (PromptRequest.deadline).
                expired += e.reason().startsWith("deadline of ") ? 1 : 0;
                fail(e.taskId(), e.reason());
                // The orchestrator's own words when the winner's RESULT does not come in time.
                resultTimeouts += e.reason().startsWith("no RESULT from") ? 1 : 0;
            }
            case MeshEvent.MetricSampled e when e.battery() >= 0 -> {
                int[] battery = batteries.get(e.node());
                if (battery == null) {
                    batteries.put(e.node(), new int[] {e.battery(), e.battery()});
                } else {
                    battery[0] = Math.min(battery[0], e.battery());
                    battery[1] = e.battery();
                }
            }
            case MeshEvent.MessageSent e -> messages++;
            case MeshEvent.InputRejected e -> {
                problems++;
                RejectionKind.tally(rejections, e.reason());
            }
            case MeshEvent.BidIgnored e -> problems++;
            case MeshEvent.ResultIgnored e -> problems++;
            case MeshEvent.DeliveryFailed e -> problems++;
            case MeshEvent.NodeError e -> problems++;
            case MeshEvent.PeerStateChanged e when e.state() == io.meshbench.event.PeerState.DOWN -> peersDown++;
            default -> {
            }
        }
    }

    /** A task ended: the wait of one that had queued is counted (until it left the queue, or until now). */
    private void queueEnded(String taskId, long time) {
        long[] q = queueing.remove(taskId);
        if (q != null) {
            long wait = q[2] == 1 ? time - q[0] : q[1];
            queueWaits.recordValue(Math.max(0, wait / 1_000));
            queueWaitMax = Math.max(queueWaitMax, wait);
            endedWaiting += q[2];
        }
    }

    private void complete(MeshEvent.TaskCompleted e) {
        queueEnded(e.taskId(), e.time());
        completed++;
        long total = e.timing().total();
        latency.recordValue(Math.max(0, total / 1_000));
        latencySum += total;
        latencyMax = Math.max(latencyMax, total);
        perDevice.merge(e.device(), 1L, Long::sum);
        InFlight task = assigned.remove(e.taskId());
        if (task != null && task.npu) {
            npuTasks++;
        }
        MeshEvent.Timing t = e.timing();
        bidding += Math.max(0, t.bidding());
        selection += Math.max(0, t.selection());
        if (task != null && task.executed && task.ran >= 0) {
            long ran = task.ran; // without the device's own measure, execution cannot be split
            deviceExecution += ran;
            transfer += Math.max(0, t.transfer(ran));
        }
        if (deadlineNanos != null && total > deadlineNanos) {
            deadlineMisses++;
        }
    }

    private void fail(String taskId, String reason) {
        failed++;
        assigned.remove(taskId);
        failures.merge(reasonKind(reason), 1L, Long::sum);
        if (deadlineNanos != null) {
            deadlineMisses++;
        }
    }

    private static String firstLine(String text) {
        String line = text.lines().findFirst().orElse("");
        return line.length() > 120 ? line.substring(0, 120) + "..." : line;
    }

    /** A failure's reason without its task-specific details, to group like failures. */
    static String reasonKind(String reason) {
        return reason.replaceAll("task_\\d+_[0-9a-f]+", "task").replaceAll("\\d+(\\.\\d+)?", "N");
    }

    public synchronized long opened() {
        return opened;
    }

    public synchronized long completed() {
        return completed;
    }

    public synchronized long failed() {
        return failed;
    }

    /** The history checker's verdict on the run so far: every task ends once, no answer twice, ... */
    public synchronized HistoryChecker.Verdict history() {
        return history.verdict();
    }

    /** Tasks neither completed nor failed. */
    public synchronized long unfinished() {
        return opened - completed - failed;
    }

    /** Share of completed tasks that ran on an NPU. */
    public synchronized double npuShare() {
        return completed == 0 ? 0 : (double) npuTasks / completed;
    }

    /** The {@code p}-th percentile (0 to 100) of completed tasks' total latency, in nanoseconds; -1 if none. */
    public synchronized long percentile(double p) {
        return completed == 0 ? -1 : latency.getValueAtPercentile(p) * 1_000;
    }

    /** Mean total latency of completed tasks, in nanoseconds; -1 if none. */
    public synchronized long meanLatency() {
        return completed == 0 ? -1 : Math.round(latencySum / completed);
    }

    /** Latency of the completed tasks in milliseconds, or null when none completed. */
    public synchronized Latency latency() {
        return completed == 0 ? null : new Latency((int) completed, percentile(50) / 1e6, percentile(95) / 1e6,
                percentile(99) / 1e6, latencySum / completed / 1e6, latencyMax / 1e6);
    }

    /** Mean time split of the completed tasks in milliseconds, or null when none completed. */
    public synchronized TimeSplit split() {
        return completed == 0 ? null : new TimeSplit(bidding / completed / 1e6, selection / completed / 1e6,
                deviceExecution / completed / 1e6, transfer / completed / 1e6);
    }

    /** Battery left at the end: the lowest device's level, or -1 if none reported one. */
    public synchronized int batteryLeftLowest() {
        return batteries.values().stream().mapToInt(b -> b[1]).min().orElse(-1);
    }

    /** Battery left at the end: percentage points between the fullest and the emptiest device, or -1. */
    public synchronized int batteryLeftSpread() {
        if (batteries.isEmpty()) {
            return -1;
        }
        var stats = batteries.values().stream().mapToInt(b -> b[1]).summaryStatistics();
        return stats.getMax() - stats.getMin();
    }

    /** Completed tasks per device, by device id. */
    public synchronized Map<String, Long> tasksPerDevice() {
        return new TreeMap<>(perDevice);
    }

    /** How many tasks failed for each kind of reason (task ids and numbers left out). */
    public synchronized Map<String, Long> failureReasons() {
        return Map.copyOf(failures);
    }

    /** The lowest battery any device reported, or -1 if none reported one. */
    public synchronized int lowestBattery() {
        return batteries.values().stream().mapToInt(b -> b[0]).min().orElse(-1);
    }

    public synchronized Map<String, Integer> lowestBatteryPerDevice() {
        Map<String, Integer> lowest = new HashMap<>();
        batteries.forEach((device, b) -> lowest.put(device, b[0]));
        return Map.copyOf(lowest);
    }

    public synchronized long auctionsClosedByDeadline() {
        return closedByDeadline;
    }

    /** Bids that did not come before their auction closed, summed over auctions. */
    public synchronized long missedBids() {
        return missedBids;
    }

    /** Tasks failed because the winner's RESULT did not come in time. */
    public synchronized long resultTimeouts() {
        return resultTimeouts;
    }

    /** Tasks that failed, or completed later than the deadline; 0 without one. Unfinished ones are added by the caller. */
    public synchronized long deadlineMisses() {
        return deadlineMisses;
    }

    /** Tasks that waited in an orchestrator's queue because every bidder was full. */
    public synchronized long queued() {
        return queued;
    }

    /** The most tasks that waited in one orchestrator's queue at once. */
    public synchronized int longestQueue() {
        return longestQueue;
    }

    /** Tasks that ended because their own deadline passed (a prompt's deadline, not a report's). */
    public synchronized long expired() {
        return expired;
    }

    /** How the tasks that queued waited; a task still waiting counts its wait up to the last event. */
    public synchronized QueueStats queue() {
        if (queued == 0) {
            return QueueStats.NONE;
        }
        Histogram waits = queueWaits.copy();
        long max = queueWaitMax;
        for (long[] q : queueing.values()) {
            long wait = q[2] == 1 ? end - q[0] : q[1];
            waits.recordValue(Math.max(0, wait / 1_000));
            max = Math.max(max, wait);
        }
        return new QueueStats((int) queued, longestQueue, waits.getValueAtPercentile(50) / 1e3,
                waits.getValueAtPercentile(95) / 1e3, waits.getValueAtPercentile(99) / 1e3, max / 1e6,
                (int) endedWaiting);
    }

    public synchronized long messages() {
        return messages;
    }

    /** What liveness and the task lifecycle did: failed attempts, failovers, late results, peers down, violations. */
    public synchronized RunSummary.Failover failover() {
        HistoryChecker.Verdict verdict = history.verdict();
        return new RunSummary.Failover(verdict.attemptsFailed(), verdict.failovers(), verdict.lateResults(), peersDown,
                verdict.violationCount());
    }

    /** Rejected inputs by kind ({@link RejectionKind}). */
    public synchronized Map<String, Integer> rejections() {
        return Map.copyOf(rejections);
    }

    /** Rejected input, ignored bids and results, failed deliveries, node errors. */
    public synchronized long problems() {
        return problems;
    }

    /** From the first event to the last, in nanoseconds (0 before any event). */
    public synchronized long durationNanos() {
        return start == Long.MAX_VALUE ? 0 : end - start;
    }

    /** An assigned task in flight: its unit, and the run its device reported (if it did). */
    private static final class InFlight {
        boolean npu;
        boolean executed;
        long ran;

        InFlight(boolean npu) {
            this.npu = npu;
        }
    }
}
