package io.meshbench.report;

/**
 * One task of a run, from its bid request to its end. Times are nanoseconds; a phase the task
 * did not reach is {@code -1}.
 *
 * @param opened          when the bid request went out, from the start of the run
 * @param status          {@code completed}; {@code failed} (the orchestrator gave up, or the device
 *                        reported a failure); or {@code unfinished} when the run ended first
 * @param reason          why it failed, empty otherwise
 * @param bids            bids counted in its auction
 * @param device          the device that got the task last, empty if none did
 * @param npu             whether it was sent to run on an NPU
 * @param bidding         from the bid request to the close of the auction
 * @param selection       the strategy's decision
 * @param deviceExecution the device's own run, as the device measured it
 * @param transfer        the rest of the time from the task sent to the result received: both
 *                        trips over the network and the queueing on either side
 * @param total           from the bid request to the end
 */
public record TaskRow(String taskId, String orchestrator, long opened, String status, String reason, String strategy,
                      int bids, String closedBy, String device, boolean npu, long bidding, long selection,
                      long deviceExecution, long transfer, long total, int promptTokens, int generatedTokens) {

    public static final String COMPLETED = "completed";
    public static final String FAILED = "failed";
    public static final String UNFINISHED = "unfinished";

    public boolean completed() {
        return COMPLETED.equals(status);
    }

    public boolean failed() {
        return FAILED.equals(status);
    }
}
