package io.meshbench.scenario;

import io.meshbench.event.MeshEvent;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * What a run adds up to, counted from its events as they come: tasks asked, completed and failed,
 * latencies, tasks per device, the NPU share, the lowest battery seen. Cheap enough for a million
 * tasks. Thread-safe.
 */
public final class RunTally implements Consumer<MeshEvent> {

    private long opened;
    private long completed;
    private long failed;
    private long npuTasks;
    private long[] latencies = new long[1024];
    private final Map<String, Long> perDevice = new HashMap<>();
    private final Map<String, Long> failures = new TreeMap<>();
    private final Map<String, Integer> lowestBattery = new HashMap<>();
    private final Map<String, Integer> lastBattery = new HashMap<>();
    private final Map<String, Boolean> assignedToNpu = new HashMap<>();
    /** Tasks that have waited in a queue and not ended yet. */
    private final java.util.Set<String> waitedInQueue = new java.util.HashSet<>();
    private long queued;
    private int longestQueue;
    private long deadlineMisses;

    @Override
    public synchronized void accept(MeshEvent event) {
        switch (event) {
            case MeshEvent.AuctionOpened e -> opened++;
            case MeshEvent.TaskAssigned e -> assignedToNpu.put(e.taskId(), e.useNpu());
            case MeshEvent.TaskQueued e -> {
                if (waitedInQueue.add(e.taskId())) {
                    queued++;
                }
                longestQueue = Math.max(longestQueue, e.queueLength());
            }
            case MeshEvent.TaskCompleted e when !e.status().equals("completed") -> {
                // the device answered, but with a failure (busy, model failed, timed out)
                failed++;
                waitedInQueue.remove(e.taskId());
                assignedToNpu.remove(e.taskId());
                failures.merge(reasonKind(e.device() + " returned " + e.status() + ": " + e.output()), 1L, Long::sum);
            }
            case MeshEvent.TaskCompleted e -> {
                completed++;
                waitedInQueue.remove(e.taskId());
                if (completed > latencies.length) {
                    latencies = Arrays.copyOf(latencies, latencies.length * 2);
                }
                latencies[(int) completed - 1] = e.timing().total();
                perDevice.merge(e.device(), 1L, Long::sum);
                if (Boolean.TRUE.equals(assignedToNpu.remove(e.taskId()))) {
                    npuTasks++;
                }
            }
            case MeshEvent.TaskFailed e -> {
                failed++;
                waitedInQueue.remove(e.taskId());
                if (e.reason().startsWith("deadline")) {
                    deadlineMisses++;
                }
                assignedToNpu.remove(e.taskId());
                failures.merge(reasonKind(e.reason()), 1L, Long::sum);
            }
            case MeshEvent.MetricSampled e when e.battery() >= 0 -> {
                lowestBattery.merge(e.node(), e.battery(), Math::min);
                lastBattery.put(e.node(), e.battery());
            }
            default -> {
            }
        }
    }

    /** A failure's reason without its task-specific details, to group like failures. */
    private static String reasonKind(String reason) {
        return reason.replaceAll("task_\\d+_[0-9a-f]+", "task").replaceAll("\\d+(\\.\\d+)?", "N");
    }

    /** Tasks that waited in an orchestrator's queue because every bidder was full. */
    public synchronized long queued() {
        return queued;
    }

    /** The most tasks that waited in one orchestrator's queue at once. */
    public synchronized int longestQueue() {
        return longestQueue;
    }

    /** Tasks that ended because their deadline passed. */
    public synchronized long deadlineMisses() {
        return deadlineMisses;
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
        if (completed == 0) {
            return -1;
        }
        long[] sorted = Arrays.copyOf(latencies, (int) completed);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.clamp(rank, 0, sorted.length - 1)];
    }

    /** Mean total latency of completed tasks, in nanoseconds; -1 if none. */
    public synchronized long meanLatency() {
        if (completed == 0) {
            return -1;
        }
        long sum = 0;
        for (int i = 0; i < completed; i++) {
            sum += latencies[i];
        }
        return sum / completed;
    }

    /** Battery left at the end: the lowest device's level, or -1 if none reported one. */
    public synchronized int batteryLeftLowest() {
        return lastBattery.values().stream().mapToInt(Integer::intValue).min().orElse(-1);
    }

    /** Battery left at the end: percentage points between the fullest and the emptiest device, or -1. */
    public synchronized int batteryLeftSpread() {
        if (lastBattery.isEmpty()) {
            return -1;
        }
        var stats = lastBattery.values().stream().mapToInt(Integer::intValue).summaryStatistics();
        return stats.getMax() - stats.getMin();
    }

    /** Completed tasks per device, by device id. */
    public synchronized Map<String, Long> tasksPerDevice() {
        return new TreeMap<>(perDevice);
    }

    public synchronized Map<String, Long> failureReasons() {
        return Map.copyOf(failures);
    }

    /** The lowest battery any device reported, or -1 if none reported one. */
    public synchronized int lowestBattery() {
        return lowestBattery.values().stream().mapToInt(Integer::intValue).min().orElse(-1);
    }

    public synchronized Map<String, Integer> lowestBatteryPerDevice() {
        return Map.copyOf(lowestBattery);
    }
}
