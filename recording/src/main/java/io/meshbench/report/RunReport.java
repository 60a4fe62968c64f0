package io.meshbench.report;

import java.util.List;
import java.util.Map;

/**
 * Everything a report shows about one run: the summary, every task, every device, and the series
 * behind the plots. Times in the series are nanoseconds from the start of the run.
 *
 * @param latencies end-to-end latency of every completed task, nanoseconds, in order of completion
 * @param battery   each device's battery level over time, one point per change
 * @param activity  each device's task runs and the times it was down
 */
public record RunReport(RunSummary summary, List<TaskRow> tasks, List<DeviceStats> devices, List<Long> latencies,
                        Map<String, List<Point>> battery, Map<String, List<Span>> activity, long startNanos,
                        long endNanos) {

    /** A value at a time. */
    public record Point(long time, int value) {
    }

    /**
     * A stretch of time on a device.
     *
     * @param kind {@code npu} or {@code cpu} for a task run, {@code down} while the node was stopped
     */
    public record Span(long start, long end, String kind, String taskId) {
    }

    /** How long the run lasted, in nanoseconds. */
    public long duration() {
        return Math.max(0, endNanos - startNanos);
    }
}
