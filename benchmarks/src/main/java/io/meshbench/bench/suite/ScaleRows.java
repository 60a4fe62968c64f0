package io.meshbench.bench.suite;

import io.meshbench.bench.scale.ScaleMeasurement;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A scale run's measurements as {@link Row}s, one per measure, each with the parameter
 * {@code scenario}: so that {@code bench --compare} sets scale runs side by side like any benchmark.
 * The mode is {@code ss} (one shot, as JMH names it): one run, no error bound.
 */
public final class ScaleRows {

    /** Wall time from setting the mesh up to the last task's end, in s (lower is better). */
    public static final String WALL = "Scale.wall";
    /** Wall time of the whole child JVM, its start and the final collection included, in s. */
    public static final String JVM_WALL = "Scale.jvmWall";
    /** Virtual-time events processed per wall second (higher is better). */
    public static final String EVENTS = "Scale.events";
    /** Tasks completed (higher is better). */
    public static final String TASKS = "Scale.tasksCompleted";
    /** Peak resident set of the child JVM, in MiB (lower is better). */
    public static final String PEAK_RSS = "Scale.peakRss";
    /** Heap held at the end after a full collection, in MiB. */
    public static final String HEAP_END = "Scale.heapEnd";
    /** The heap pools' summed peaks, in MiB. */
    public static final String HEAP_PEAK = "Scale.heapPeak";
    /** Heap the mesh holds at the end per phone (the heap at the end less the heap before setup), in bytes. */
    public static final String HEAP_PER_PHONE = "Scale.heapPerPhone";

    private static final double MIB = 1 << 20;

    private ScaleRows() {
    }

    /**
     * @param polledPeakRss the child's peak RSS as the suite polled it (-1: not read), used when the child could not read its own
     * @param othersBefore  cores busy with other work just before the scenario ({@link OtherWork}), NaN if not probed
     * @param othersAfter   and just after it
     */
    static List<Row> of(ScaleMeasurement m, long polledPeakRss, long jvmWallNanos, double loadBefore, double loadAfter,
                        double othersBefore, double othersAfter) {
        long rss = Math.max(m.peakRssBytes(), polledPeakRss);
        Map<String, String> params = Map.of("scenario", m.scenario());
        return Stream.of(
                row(WALL, params, m.wallNanos() / 1e9, "s", loadBefore, loadAfter),
                row(JVM_WALL, params, jvmWallNanos / 1e9, "s", loadBefore, loadAfter),
                row(EVENTS, params, m.eventsPerSecond(), "events/s", loadBefore, loadAfter),
                row(TASKS, params, m.completed(), "tasks", loadBefore, loadAfter),
                row(PEAK_RSS, params, rss < 0 ? Double.NaN : rss / MIB, "MiB", loadBefore, loadAfter),
                row(HEAP_END, params, m.heapEndBytes() / MIB, "MiB", loadBefore, loadAfter),
                row(HEAP_PEAK, params, m.heapPeakBytes() / MIB, "MiB", loadBefore, loadAfter),
                row(HEAP_PER_PHONE, params, m.heapPerPhone(), "B/phone", loadBefore, loadAfter))
                .map(r -> r.withOthers(othersBefore, othersAfter)).toList();
    }

    private static Row row(String measure, Map<String, String> params, double value, String unit, double loadBefore,
                           double loadAfter) {
        return new Row(measure, params, "ss", value, Double.NaN, unit, value, value, 1, loadBefore, loadAfter);
    }

    /** {@code measure}'s row for {@code scenario} in {@code r}. */
    public static Optional<Row> find(BenchResults r, String measure, String scenario) {
        return r.rows().stream().filter(x -> x.benchmark().equals(measure) && x.param("scenario").equals(scenario))
                .findFirst();
    }
}
