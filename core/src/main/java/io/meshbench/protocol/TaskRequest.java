package io.meshbench.protocol;

/**
 * {@code TASK|<orchestrator_id>|{"task_id", "prompt", "use_npu", "prompt_type"}}: the orchestrator
 * hands the task to the winner of its auction.
 *
 * @param sender     the orchestrator's device id
 * @param taskId     the task's id
 * @param prompt     the prompt variant chosen for the winner
 * @param useNpu     whether the winner should run it on its NPU
 * @param promptType {@code npu_prompt} or {@code cpu_prompt}
 * @param attempt    the attempt number (1, 2, ...; protocol v1, {@code "attempt"}); 0 for a seed-format
 *                   TASK that carries none
 */
public record TaskRequest(String sender, String taskId, String prompt, boolean useNpu, String promptType,
                          int attempt) implements Message {

    public static final String NPU_PROMPT = "npu_prompt";
    public static final String CPU_PROMPT = "cpu_prompt";

    /** A seed-format TASK, without an attempt number. */
    public TaskRequest(String sender, String taskId, String prompt, boolean useNpu, String promptType) {
        this(sender, taskId, prompt, useNpu, promptType, 0);
    }

    public TaskRequest {
        Fields.deviceId("sender", sender);
        Fields.attempt(attempt);
        DeviceId.checkTask("task_id", taskId);
        Fields.notNull("prompt", prompt);
        Fields.nonEmpty("prompt_type", promptType);
    }
}
