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
 */
public record TaskRequest(String sender, String taskId, String prompt, boolean useNpu, String promptType)
        implements Message {

    public static final String NPU_PROMPT = "npu_prompt";
    public static final String CPU_PROMPT = "cpu_prompt";

    public TaskRequest {
        Fields.deviceId("sender", sender);
        DeviceId.checkTask("task_id", taskId);
        Fields.notNull("prompt", prompt);
        Fields.nonEmpty("prompt_type", promptType);
    }
}
