package io.meshbench.report;

/**
 * How tasks waited in orchestrators' queues (every bidder full), from {@code TaskQueued} and
 * {@code TaskDequeued} events: a task's wait runs from when it was first queued to when it last
 * left the queue (or ended while waiting).
 *
 * @param tasksQueued   tasks that waited at least once
 * @param longestQueue  the most tasks that waited in one orchestrator's queue at once
 * @param waitP50Ms     median wait of the tasks that waited, ms; 0 when none did
 * @param waitP95Ms     95th percentile, ms
 * @param waitP99Ms     99th percentile, ms
 * @param waitMaxMs     longest wait, ms
 * @param endedWaiting  tasks that ended while still in the queue (deadline, wait limit, stop)
 */
public record QueueStats(int tasksQueued, int longestQueue, double waitP50Ms, double waitP95Ms, double waitP99Ms,
                         double waitMaxMs, int endedWaiting) {
    public static final QueueStats NONE = new QueueStats(0, 0, 0, 0, 0, 0, 0);
}
