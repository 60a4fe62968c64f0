package io.meshbench.history;

/**
 * One task as the history keeps it: its auction, where it ran, how it ended and how long it took.
 * A value not known is {@code null} (e.g. tokens for a task run by a phone whose log does not say).
 *
 * @param openedMs        when its bid request went out, ms since the epoch (virtual in a simulation)
 * @param status          {@code completed}, or {@code failed} (also a device's own failure)
 * @param latencyMs       from the bid request to the end
 * @param executionMs     from {@code TASK} to {@code RESULT}
 * @param deviceMs        the device's own run time, when its events were seen
 * @param ahead           tasks this orchestrator had at that device when it sent this one
 * @param queueWaitMs     time waiting in the orchestrator's queue, when it waited
 * @param source          {@code live}, {@code scenario}, {@code recording} or {@code phone-log}
 */
public record TaskRecord(String taskId, String orchestrator, long openedMs, String device, Boolean npu, String status,
                         String reason, Double latencyMs, Double executionMs, Integer promptTokens,
                         Integer generatedTokens, String strategy, String rule, Integer bids, String priority,
                         Double queueWaitMs, Integer ahead, Double deviceMs, String source) {
}
