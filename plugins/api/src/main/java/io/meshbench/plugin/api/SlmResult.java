package io.meshbench.plugin.api;

import java.time.Duration;
import java.util.Objects;

/**
 * How a prompt ended.
 *
 * @param status          how it ended
 * @param output          the generated text (possibly partial when not completed)
 * @param error           why it failed, empty when completed
 * @param promptTokens    tokens in the prompt, or -1 when unknown
 * @param generatedTokens tokens generated, or -1 when unknown
 * @param elapsed         time from start to end
 */
public record SlmResult(Status status, String output, String error, int promptTokens, int generatedTokens,
                        Duration elapsed) {

    /** How a run ended. */
    public enum Status { COMPLETED, FAILED, TIMED_OUT, CANCELLED }

    /** Checks that no field is {@code null}. */
    public SlmResult {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(output, "output");
        Objects.requireNonNull(error, "error");
        Objects.requireNonNull(elapsed, "elapsed");
    }

    /** A run that completed with {@code output}. */
    public static SlmResult completed(String output, int promptTokens, int generatedTokens, Duration elapsed) {
        return new SlmResult(Status.COMPLETED, output, "", promptTokens, generatedTokens, elapsed);
    }

    /** A run that ended otherwise ({@code status} is not {@code COMPLETED}), and why. */
    public static SlmResult failed(Status status, String error, String partialOutput, Duration elapsed) {
        return new SlmResult(status, partialOutput, error, -1, -1, elapsed);
    }
}
