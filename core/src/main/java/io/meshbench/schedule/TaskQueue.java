package io.meshbench.schedule;

import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Tasks waiting for a device, served by priority with aging, so that a low-priority task never
 * starves. A task's effective priority rises by one level for every {@code aging} it waits; so
 * task {@code a} is served before task {@code b} when
 * {@code a.since + a.level × aging < b.since + b.level × aging} (ties: the earlier offer). That
 * key does not change while a task waits, so the queue is one sorted set: offering, serving and
 * removing cost O(log n).
 *
 * <p>Bound: a task of level {@code L} that starts waiting at {@code t} is served before every task
 * that starts waiting after {@code t + L × aging}: at most the tasks offered in that window (and
 * those already waiting with a smaller key) are served ahead of it. With two levels below high
 * and the default aging of 10 s, a low task is never overtaken by a task that arrived more than
 * 20 s after it.
 *
 * <p>Not thread-safe: it belongs to one state machine, on its thread.
 *
 * @param <T> the task; compared by identity-free {@code equals}, each task at most once in the queue
 */
public final class TaskQueue<T> {

    /** A task in the queue: its priority, when it started waiting, and its place in the order. */
    public record Waiting<T>(T task, Priority priority, long since, long key, long sequence) {
        /** How long it has waited at {@code now}. */
        public long waited(long now) {
            return now - since;
        }
    }

    private static final Comparator<Waiting<?>> ORDER =
            Comparator.<Waiting<?>>comparingLong(Waiting::key).thenComparingLong(Waiting::sequence);

    private final long agingNanos;
    private final int capacity;
    private final TreeSet<Waiting<T>> order = new TreeSet<>(ORDER);
    private final Map<T, Waiting<T>> index = new HashMap<>();
    private long sequence;

    /**
     * @param aging    waiting this long raises a task one priority level; above zero
     * @param capacity the most tasks that may wait at once; at least 1
     */
    public TaskQueue(Duration aging, int capacity) {
        if (aging.isNegative() || aging.isZero()) {
            throw new IllegalArgumentException("aging must be above zero, got " + aging);
        }
        if (capacity < 1) {
            throw new IllegalArgumentException("queue capacity must be at least 1, got " + capacity);
        }
        this.agingNanos = aging.toNanos();
        this.capacity = capacity;
    }

    /**
     * Puts {@code task} in the queue as waiting since {@code since} (a task put back keeps its
     * first time, and so its place). Returns false, leaving the queue as it was, when the queue is
     * full or the task is already in it.
     */
    public boolean offer(T task, Priority priority, long since) {
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(priority, "priority");
        if (order.size() >= capacity || index.containsKey(task)) {
            return false;
        }
        long key = saturatedAdd(since, saturatedTimes(priority.level(), agingNanos));
        Waiting<T> waiting = new Waiting<>(task, priority, since, key, sequence++);
        order.add(waiting);
        index.put(task, waiting);
        return true;
    }

    /** The task to serve next, without taking it out. */
    public Optional<Waiting<T>> peek() {
        return order.isEmpty() ? Optional.empty() : Optional.of(order.first());
    }

    /** Takes out the task to serve next. */
    public Optional<Waiting<T>> poll() {
        Waiting<T> first = order.pollFirst();
        if (first == null) {
            return Optional.empty();
        }
        index.remove(first.task());
        return Optional.of(first);
    }

    /** Takes {@code task} out (its deadline passed, or it ended otherwise); empty when it was not waiting. */
    public Optional<Waiting<T>> remove(T task) {
        Waiting<T> waiting = index.remove(task);
        if (waiting == null) {
            return Optional.empty();
        }
        order.remove(waiting);
        return Optional.of(waiting);
    }

    public boolean contains(T task) {
        return index.containsKey(task);
    }

    public int size() {
        return order.size();
    }

    public boolean isEmpty() {
        return order.isEmpty();
    }

    public int capacity() {
        return capacity;
    }

    public Duration aging() {
        return Duration.ofNanos(agingNanos);
    }

    private static long saturatedTimes(int level, long nanos) {
        return nanos > Long.MAX_VALUE / Math.max(1, level) ? Long.MAX_VALUE : level * nanos;
    }

    private static long saturatedAdd(long a, long b) {
        long sum = a + b;
        return ((a ^ sum) & (b ^ sum)) < 0 ? Long.MAX_VALUE : sum;
    }
}
