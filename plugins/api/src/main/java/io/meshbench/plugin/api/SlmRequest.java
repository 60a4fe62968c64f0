package io.meshbench.plugin.api;

import java.time.Duration;
import java.util.Objects;

/**
 * One prompt to run.
 *
 * @param taskId  the mesh's id for the task
 * @param prompt  the prompt text (already the NPU or CPU variant the orchestrator chose)
 * @param useNpu  whether the orchestrator asked for the NPU
 * @param timeout how long the engine may take before it must give up
 */
public record SlmRequest(String taskId, String prompt, boolean useNpu, Duration timeout) {
    /** Checks the fields; a value out of range throws {@link IllegalArgumentException}. */
    public SlmRequest {
        Objects.requireNonNull(taskId, "taskId");
        Objects.requireNonNull(prompt, "prompt");
        Objects.requireNonNull(timeout, "timeout");
    }
}
