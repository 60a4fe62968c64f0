package io.meshbench.protocol;

/**
 * {@code ACK|<device_id>|{"task_id", "attempt", "expected_ms"}}: the device took attempt
 * {@code attempt} of a {@code TASK} and expects to answer within {@code expected_ms} (0: it cannot
 * tell). The orchestrator sets the attempt's result deadline from it. Protocol v1.
 *
 * @param sender     the device's id
 * @param taskId     the task's id
 * @param attempt    the attempt number the TASK carried (1 or more)
 * @param expectedMs how long the device expects the run to take, in milliseconds; 0 when unknown
 */
public record TaskAck(String sender, String taskId, int attempt, long expectedMs) implements Message {

    public TaskAck {
        Fields.deviceId("sender", sender);
        DeviceId.checkTask("task_id", taskId);
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt must be 1 or more, got " + attempt);
        }
        if (expectedMs < 0) {
            throw new IllegalArgumentException("expected_ms must be zero or more, got " + expectedMs);
        }
    }
}
