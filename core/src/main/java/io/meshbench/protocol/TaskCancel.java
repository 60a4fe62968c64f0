package io.meshbench.protocol;

/**
 * {@code CANCEL|<orchestrator_id>|{"task_id", "attempt", "reason"}}: the orchestrator gave attempt
 * {@code attempt} of a task to another device (or ended the task); the device should stop it and
 * send no RESULT. A RESULT that comes anyway is recorded as late and never delivered. Protocol v1.
 *
 * @param sender  the orchestrator's id
 * @param taskId  the task's id
 * @param attempt the attempt to stop (1 or more)
 * @param reason  why, in words
 */
public record TaskCancel(String sender, String taskId, int attempt, String reason) implements Message {

    public TaskCancel {
        Fields.deviceId("sender", sender);
        DeviceId.checkTask("task_id", taskId);
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt must be 1 or more, got " + attempt);
        }
        Fields.notNull("reason", reason);
    }
}
