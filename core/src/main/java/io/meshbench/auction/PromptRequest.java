package io.meshbench.auction;

import io.meshbench.schedule.Priority;

import java.time.Duration;
import java.util.Objects;

/**
 * What a user asks the mesh: a prompt, and optionally the variants for an NPU winner and a CPU
 * winner (each defaults to the prompt), a priority (default {@link Priority#NORMAL}) and a deadline
 * (how long after it is submitted the task must have ended; {@code null} for none). A task past its
 * deadline ends as failed with that reason, wherever it is: waiting in the queue, bidding or
 * running.
 */
public record PromptRequest(String prompt, String npuPrompt, String cpuPrompt, Priority priority, Duration deadline) {
    public PromptRequest {
        Objects.requireNonNull(prompt, "prompt");
        if (npuPrompt == null || npuPrompt.isEmpty()) {
            npuPrompt = prompt;
        }
        if (cpuPrompt == null || cpuPrompt.isEmpty()) {
            cpuPrompt = prompt;
        }
        if (priority == null) {
            priority = Priority.NORMAL;
        }
        if (deadline != null && (deadline.isNegative() || deadline.isZero())) {
            throw new IllegalArgumentException("a deadline must be above zero, got " + deadline);
        }
    }

    /** A normal-priority prompt without a deadline. */
    public PromptRequest(String prompt, String npuPrompt, String cpuPrompt) {
        this(prompt, npuPrompt, cpuPrompt, Priority.NORMAL, null);
    }

    public static PromptRequest of(String prompt) {
        return new PromptRequest(prompt, null, null);
    }

    /** The same request with {@code priority}. */
    public PromptRequest withPriority(Priority priority) {
        return new PromptRequest(prompt, npuPrompt, cpuPrompt, priority, deadline);
    }

    /** The same request with {@code deadline} ({@code null}: none). */
    public PromptRequest withDeadline(Duration deadline) {
        return new PromptRequest(prompt, npuPrompt, cpuPrompt, priority, deadline);
    }
}
