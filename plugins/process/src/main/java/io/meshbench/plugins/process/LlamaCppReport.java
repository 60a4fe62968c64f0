package io.meshbench.plugins.process;

import io.meshbench.plugin.api.SlmResult;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Token counts and times from llama.cpp's own report, the {@code llama_perf_context_print} lines its
 * programs ({@code llama-completion}, {@code llama-cli}) print on standard error at the end of a run:
 * <pre>
 * llama_perf_context_print: prompt eval time =      12.10 ms /    40 tokens (...)
 * llama_perf_context_print:        eval time =     130.70 ms /    63 runs   (...)
 * </pre>
 * The prompt's tokens are those it evaluated; the generated tokens are the evaluation runs plus the
 * first token, which comes out of the prompt's evaluation.
 */
final class LlamaCppReport {

    private static final Pattern PROMPT = Pattern.compile("prompt eval time\\s*=\\s*([\\d.]+) ms\\s*/\\s*(\\d+) tokens");
    private static final Pattern EVAL = Pattern.compile("(?<!prompt )eval time\\s*=\\s*([\\d.]+) ms\\s*/\\s*(\\d+) (?:runs|tokens)");

    private double promptMs = -1;
    private int promptTokens = -1;
    private double evalMs = -1;
    private int evalRuns = -1;

    /** Reads one line of the program's standard error. */
    synchronized void line(String line) {
        Matcher p = PROMPT.matcher(line);
        if (p.find()) {
            promptMs = Double.parseDouble(p.group(1));
            promptTokens = Integer.parseInt(p.group(2));
            return;
        }
        Matcher e = EVAL.matcher(line);
        if (e.find()) {
            evalMs = Double.parseDouble(e.group(1));
            evalRuns = Integer.parseInt(e.group(2));
        }
    }

    /** The result with the report's counts and times, or as it was when no report was seen. */
    synchronized SlmResult apply(SlmResult result) {
        if (promptTokens < 0 || evalRuns < 0) {
            return result;
        }
        Duration prefill = Duration.ofNanos(Math.round(promptMs * 1e6));
        Duration decode = Duration.ofNanos(Math.round(evalMs * 1e6));
        return new SlmResult(result.status(), result.output(), result.error(), promptTokens, evalRuns + 1,
                result.elapsed(), new SlmResult.Timings(null, prefill, decode, false));
    }
}
