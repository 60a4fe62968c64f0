package io.meshbench.health;

/**
 * The last intervals between heartbeats of one peer, in a ring, with their running sums, so that the
 * mean and the standard deviation cost O(1). Starts from the heartbeat interval itself (mean the
 * interval, deviation a quarter of it), as if a first heartbeat had been on time.
 */
public final class ArrivalWindow {

    private final long[] intervals;
    private int count;
    private int next;
    private double sum;
    private double sumSquares;

    public ArrivalWindow(int size, long expectedIntervalNanos) {
        if (size < 2) {
            throw new IllegalArgumentException("window size must be at least 2, got " + size);
        }
        intervals = new long[size];
        long std = expectedIntervalNanos / 4;
        add(expectedIntervalNanos - std);
        add(expectedIntervalNanos + std);
    }

    public void add(long intervalNanos) {
        if (count == intervals.length) {
            long old = intervals[next];
            sum -= old;
            sumSquares -= (double) old * old;
        } else {
            count++;
        }
        intervals[next] = intervalNanos;
        next = (next + 1) % intervals.length;
        sum += intervalNanos;
        sumSquares += (double) intervalNanos * intervalNanos;
    }

    public double mean() {
        return sum / count;
    }

    public double stdDev() {
        double mean = mean();
        return Math.sqrt(Math.max(0, sumSquares / count - mean * mean));
    }
}
