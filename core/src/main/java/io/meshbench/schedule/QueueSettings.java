package io.meshbench.schedule;

import java.time.Duration;

/**
 * How the orchestrator's waiting queue behaves.
 *
 * @param aging    waiting this long raises a task one priority level ({@link TaskQueue})
 * @param capacity the most tasks that may wait; one more fails at once ("the queue is full")
 * @param retry    how often the task at the head of the queue asks for bids again while nothing
 *                 ends (a task of this orchestrator that ends asks at once)
 * @param maxWait  how long a task without a deadline may wait before it fails; {@code null}: the
 *                 orchestrator's result timeout
 */
public record QueueSettings(Duration aging, int capacity, Duration retry, Duration maxWait) {

    /** 10 s aging, 10,000 places, a retry every second, waits up to the result timeout. */
    public static final QueueSettings DEFAULT = new QueueSettings(Duration.ofSeconds(10), 10_000,
            Duration.ofSeconds(1), null);

    public QueueSettings {
        if (aging.isNegative() || aging.isZero() || retry.isNegative() || retry.isZero()) {
            throw new IllegalArgumentException("queue aging and retry must be above zero, got " + aging + " and " + retry);
        }
        if (capacity < 0) {
            throw new IllegalArgumentException("queue capacity must be 0 (no queue) or more, got " + capacity);
        }
        if (maxWait != null && (maxWait.isNegative() || maxWait.isZero())) {
            throw new IllegalArgumentException("queue max wait must be above zero, got " + maxWait);
        }
    }

    /** No queue: a task that no device can take fails at once, as before queues existed. */
    public static QueueSettings none() {
        return new QueueSettings(DEFAULT.aging, 0, DEFAULT.retry, null);
    }
}
