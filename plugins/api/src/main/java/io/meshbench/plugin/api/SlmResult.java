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
 * @param timings         where the time went, as far as the engine knows ({@link Timings#UNKNOWN} otherwise)
 */
public record SlmResult(Status status, String output, String error, int promptTokens, int generatedTokens,
                        Duration elapsed, Timings timings) {

    /** How a run ended. */
    public enum Status { COMPLETED, FAILED, TIMED_OUT, CANCELLED }

    /** Checks that no field is {@code null}. */
    public SlmResult {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(output, "output");
        Objects.requireNonNull(error, "error");
        Objects.requireNonNull(elapsed, "elapsed");
        Objects.requireNonNull(timings, "timings");
    }

    /** A result without timings. */
    public SlmResult(Status status, String output, String error, int promptTokens, int generatedTokens,
                     Duration elapsed) {
        this(status, output, error, promptTokens, generatedTokens, elapsed, Timings.UNKNOWN);
    }

    /** A run that completed with {@code output}. */
    public static SlmResult completed(String output, int promptTokens, int generatedTokens, Duration elapsed) {
        return new SlmResult(Status.COMPLETED, output, "", promptTokens, generatedTokens, elapsed);
    }

    /** A run that ended otherwise ({@code status} is not {@code COMPLETED}), and why. */
    public static SlmResult failed(Status status, String error, String partialOutput, Duration elapsed) {
        return new SlmResult(status, partialOutput, error, -1, -1, elapsed);
    }

    /** The same result with the engine's timings. */
    public SlmResult withTimings(Timings timings) {
        return new SlmResult(status, output, error, promptTokens, generatedTokens, elapsed, timings);
    }

    /** Prompt tokens a second while the prompt was processed (prefill), or NaN when unknown. */
    public double prefillTokensPerSecond() {
        return rate(promptTokens, timings.prefill());
    }

    /** Generated tokens a second after the first (decode), or NaN when unknown. */
    public double decodeTokensPerSecond() {
        return rate(generatedTokens - (timings.decodeIncludesFirstToken() ? 0 : 1), timings.decode());
    }

    private static double rate(int tokens, Duration time) {
        if (tokens <= 0 || time == null || time.isZero() || time.isNegative()) {
            return Double.NaN;
        }
        return tokens / (time.toNanos() / 1e9);
    }

    /**
     * Where a run's time went.
     *
     * @param firstToken               from the start of the run to the first generated token, or {@code null}
     * @param prefill                  processing the prompt, or {@code null} when unknown
     * @param decode                   generating, or {@code null} when unknown
     * @param decodeIncludesFirstToken whether {@code decode} covers every generated token (as llama.cpp's
     *                                 own report does) or all but the first (when measured from the first
     *                                 token on)
     */
    public record Timings(Duration firstToken, Duration prefill, Duration decode, boolean decodeIncludesFirstToken) {
        /** Nothing known. */
        public static final Timings UNKNOWN = new Timings(null, null, null, false);
    }
}
