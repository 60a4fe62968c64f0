package io.meshbench.protocol;

/**
 * {@code BID_REQUEST|<orchestrator_id>|{"task_id", "task_type", "prompt", "deadline"}}: the
 * orchestrator asks every peer for a bid.
 *
 * @param sender   the orchestrator's device id
 * @param taskId   the task's unique id
 * @param taskType the kind of work, {@code slm_inference} in the original design
 * @param prompt   the original prompt
 * @param deadline seconds the orchestrator waits for bids
 */
public record BidRequest(String sender, String taskId, String taskType, String prompt, int deadline)
        implements Message {

    /** The task type of every task in the original design. */
    public static final String SLM_INFERENCE = "slm_inference";

    /** Seconds the original orchestrator waits for bids, and the deadline a request without one has. */
    public static final int DEFAULT_DEADLINE_SECONDS = 10;

    public BidRequest {
        Fields.deviceId("sender", sender);
        Fields.nonEmpty("task_id", taskId);
        Fields.nonEmpty("task_type", taskType);
        Fields.notNull("prompt", prompt);
        if (deadline < 0) {
            throw new IllegalArgumentException("deadline must be zero or more seconds, got " + deadline);
        }
    }
}
