package io.meshbench.auction;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * How long an attempt may take before it counts as missed. A device that speaks protocol v1 must
 * acknowledge the TASK within the ack timeout; its ACK's expected duration then sets the deadline
 * (twice the expectation plus a grace); without an expectation, the device's history (a moving
 * average of its past execution times) does; with neither, the flat result timeout. Never more than
 * the result timeout. One fact, computed here only.
 */
final class ResultDeadlines {

    /** The slack on an expectation: deadline = expected * FACTOR + GRACE. */
    static final double FACTOR = 2.0;
    static final long GRACE_NANOS = Duration.ofSeconds(2).toNanos();
    /** Weight of the newest run in a device's moving average. */
    private static final double ALPHA = 0.2;
    private static final int REMEMBERED_DEVICES = 100_000;

    private final long resultTimeoutNanos;
    private final Map<String, Double> history = new HashMap<>();

    ResultDeadlines(Duration resultTimeout) {
        this.resultTimeoutNanos = resultTimeout.toNanos();
    }

    /** The deadline of an attempt on {@code device} before any ACK (or for a seed peer, which sends none). */
    long beforeAck(String device) {
        Double average = history.get(device);
        return average == null ? resultTimeoutNanos : fromExpected((long) (double) average);
    }

    /** The deadline of an attempt on {@code device} once it acknowledged, expecting {@code expectedNanos} (0: unknown). */
    long afterAck(String device, long expectedNanos) {
        return expectedNanos > 0 ? fromExpected(expectedNanos) : beforeAck(device);
    }

    private long fromExpected(long expectedNanos) {
        return Math.min(resultTimeoutNanos, (long) (expectedNanos * FACTOR) + GRACE_NANOS);
    }

    /** {@code device} answered an attempt after {@code executionNanos}. */
    void completed(String device, long executionNanos) {
        if (history.size() >= REMEMBERED_DEVICES && !history.containsKey(device)) {
            history.clear(); // a crude bound: a mesh this large re-learns within a few tasks per device
        }
        history.merge(device, (double) executionNanos, (old, now) -> old + ALPHA * (now - old));
    }

    /** The moving average of {@code device}'s execution time, or -1 when it has none. */
    long expected(String device) {
        Double average = history.get(device);
        return average == null ? -1 : (long) (double) average;
    }
}
