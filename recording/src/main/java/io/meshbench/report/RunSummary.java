package io.meshbench.report;

import java.util.Map;

/**
 * The numbers of one run, for reports, for expectations and for putting runs side by side
 * ({@link SummaryTable}). Written as {@code summary.json} next to a report.
 *
 * @param name                     a label for the run (the recording's file name, the scenario)
 * @param metadata                 facts about the run from its recording's header
 * @param durationSeconds          from the first event to the last
 * @param tasks                    tasks started (bid requests sent)
 * @param latency                  of the completed tasks; {@code null} when none completed
 * @param split                    mean time split of the completed tasks; {@code null} when none completed
 * @param npuShare                 share of completed tasks that ran on an NPU, 0 to 1
 * @param tasksPerDevice           completed tasks per device
 * @param minBattery               lowest battery each device reported, percent
 * @param auctionsClosedByDeadline auctions whose bidding ended at the bid timeout, not every peer answering
 * @param missedBids               bids that did not come before their auction closed, summed over auctions
 * @param resultTimeouts           tasks failed because the winner's RESULT did not come in time
 * @param taskDeadlineMs           the deadline the run was judged against; {@code null} when none was given
 * @param deadlineMisses           tasks that did not complete within {@code taskDeadlineMs} (failed,
 *                                 unfinished, or too slow); 0 without a deadline
 * @param failureReasons           how many tasks failed for each reason
 * @param messages                 protocol messages sent
 * @param problems                 rejected input, ignored bids and results, failed deliveries, node errors
 * @param queue                    how tasks waited in orchestrators' queues
 * @param rejections               rejected inputs by kind ({@link RejectionKind}): forged, replayed, junk, floods
 * @param failover                 attempts failed and retried, late results, peers down, history violations;
 *                                 null in a summary written before liveness
 */
public record RunSummary(String name, Map<String, String> metadata, double durationSeconds, int devices, int tasks,
                         int completed, int failed, int unfinished, Latency latency, TimeSplit split, double npuShare,
                         Map<String, Integer> tasksPerDevice, Map<String, Integer> minBattery,
                         int auctionsClosedByDeadline, int missedBids, int resultTimeouts, Double taskDeadlineMs,
                         int deadlineMisses, Map<String, Integer> failureReasons, long messages, long problems,
                         QueueStats queue, Map<String, Integer> rejections, Failover failover) {

    /**
     * What liveness and the task lifecycle did in the run.
     *
     * @param attemptsFailed attempts of tasks that failed (a dead, restarted, silent or refusing winner)
     * @param failovers      failed attempts followed by another attempt
     * @param lateResults    results of abandoned attempts, recorded and not delivered
     * @param peersDown      times a peer was declared down
     * @param violations     broken promises the history checker found (a task ended twice, ...)
     */
    public record Failover(long attemptsFailed, long failovers, long lateResults, long peersDown, long violations) {
    }
}
