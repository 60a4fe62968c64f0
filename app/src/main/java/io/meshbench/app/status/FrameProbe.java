package io.meshbench.app.status;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.Arrays;
import java.util.Locale;

/**
 * Measures the window's frame loop: the time between consecutive frames (a frame that takes long
 * to handle events or draw delays the next one) and the heap left after the last garbage
 * collection (flat when nothing piles up). Toolkit-free: the window feeds it frame times.
 */
public final class FrameProbe {

    private final long[] intervals = new long[100_000];
    private int count;
    private long last = -1;
    private long worst;
    private long totalFrames;
    private long over50;

    /** Records a frame at {@code now} (nanoseconds). */
    public void frame(long now) {
        if (last >= 0) {
            long interval = now - last;
            if (count < intervals.length) {
                intervals[count++] = interval;
            }
            worst = Math.max(worst, interval);
            totalFrames++;
            if (interval > 50_000_000L) {
                over50++;
            }
        }
        last = now;
    }

    /** The latest frame interval, in milliseconds. */
    public double lastIntervalMillis() {
        return count == 0 ? 0 : intervals[count - 1] / 1e6;
    }

    /** One line on the frames since the last report, then starts a new window. */
    public String report(String label) {
        long[] sorted = Arrays.copyOf(intervals, count);
        Arrays.sort(sorted);
        String line = String.format(Locale.ROOT,
                "%s frames=%d p50=%.1fms p99=%.1fms max=%.1fms over50ms=%d heapAfterGC=%.1fMB heapUsed=%.1fMB",
                label, count, pct(sorted, 0.5), pct(sorted, 0.99), (count == 0 ? 0 : sorted[count - 1]) / 1e6,
                over50, heapAfterGc() / 1e6, used() / 1e6);
        count = 0;
        over50 = 0;
        return line;
    }

    public long totalFrames() {
        return totalFrames;
    }

    public double worstMillis() {
        return worst / 1e6;
    }

    private static double pct(long[] sorted, double p) {
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) (sorted.length * p))] / 1e6;
    }

    /** Heap in use right after the last collection, summed over the heap pools. */
    public static long heapAfterGc() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            MemoryUsage after = pool.getCollectionUsage();
            if (pool.getType() == MemoryType.HEAP && after != null) {
                sum += after.getUsed();
            }
        }
        return sum;
    }

    public static long used() {
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }
}
