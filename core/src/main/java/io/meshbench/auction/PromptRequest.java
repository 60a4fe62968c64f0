package io.meshbench.auction;

import java.util.Objects;

/**
 * What a user asks the mesh: a prompt, and optionally the variants for an NPU winner and a CPU
 * winner (each defaults to the prompt).
 */
public record PromptRequest(String prompt, String npuPrompt, String cpuPrompt) {
    public PromptRequest {
        Objects.requireNonNull(prompt, "prompt");
        if (npuPrompt == null || npuPrompt.isEmpty()) {
            npuPrompt = prompt;
        }
        if (cpuPrompt == null || cpuPrompt.isEmpty()) {
            cpuPrompt = prompt;
        }
    }

    public static PromptRequest of(String prompt) {
        return new PromptRequest(prompt, null, null);
    }
}
