package io.meshbench.protocol;

/**
 * {@code RESULT|<device_id>|{"task_id", "device_id", "status", "output"}}: the winner returns what
 * the model produced.
 *
 * @param sender   the device's id, as it heads the line
 * @param taskId   the task's id
 * @param deviceId the device's id, as the JSON names it; must equal the sender
 * @param status   {@code completed} or {@code failed} (other words are kept as sent)
 * @param output   the generated text, or the reason of a failure
 * @param attempt  the attempt of the TASK it answers (protocol v1, {@code "attempt"}); 0 when the
 *                 device did not say (a seed peer)
 */
public record TaskResult(String sender, String taskId, String deviceId, String status, String output, int attempt)
        implements Message {

    public static final String COMPLETED = "completed";
    public static final String FAILED = "failed";
    /**
     * How a device's {@code failed} output starts when it refused the task because it was full; an
     * orchestrator may then give the task to the next bidder. Seed peers see an ordinary failure.
     */
    public static final String BUSY = "device busy";

    /** A seed-format RESULT, without an attempt number. */
    public TaskResult(String sender, String taskId, String deviceId, String status, String output) {
        this(sender, taskId, deviceId, status, output, 0);
    }

    public TaskResult {
        Fields.deviceId("sender", sender);
        Fields.attempt(attempt);
        Fields.deviceId("device_id", deviceId);
        if (!sender.equals(deviceId)) {
            throw new IllegalArgumentException("device_id \"" + deviceId + "\" differs from the sender \"" + sender
                    + "\" that heads the line");
        }
        Fields.nonEmpty("task_id", taskId);
        Fields.nonEmpty("status", status);
        Fields.notNull("output", output);
    }

    public boolean completed() {
        return COMPLETED.equals(status);
    }

    /** Whether the device refused the task because it was full (it never started it). */
    public boolean refusedAsBusy() {
        return FAILED.equals(status) && output.startsWith(BUSY);
    }
}
