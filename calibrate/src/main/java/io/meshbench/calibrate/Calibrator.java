package io.meshbench.calibrate;

import io.meshbench.plugin.api.SlmEngine;
import io.meshbench.plugin.api.SlmRequest;
import io.meshbench.plugin.api.SlmResult;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Measures an SLM engine: one warm-up run, then {@code runs} runs at each prompt length, one at a
 * time, each asked for {@code tokens} tokens, each prompt starting with its run's number (so that
 * a server's prompt cache cannot skip its processing). From each run it takes the engine's own token counts
 * and timings (time to the first token; prompt processing; generation), and derives the three
 * numbers a simulated device needs:
 * <ul>
 * <li><b>prefill</b>: prompt tokens a second, the median over the runs of the longest prompt
 *     (where fixed costs weigh least);</li>
 * <li><b>decode</b>: generated tokens a second, the median over every run;</li>
 * <li><b>latency</b>: the median of each run's whole time beyond its prompt's processing and its
 *     generation at those two rates (starting a program and loading the model, HTTP, queueing),
 *     never below 0: what the simulated engine adds to every run.</li>
 * </ul>
 */
public final class Calibrator {

    /** What to measure. */
    public record Plan(List<Integer> promptWords, int tokens, int runs, Duration timeout) {
        public Plan {
            promptWords = List.copyOf(promptWords);
            if (promptWords.isEmpty() || promptWords.stream().anyMatch(w -> w < 1 || w > 100_000)) {
                throw new IllegalArgumentException("prompt lengths must be 1..100000 words, got " + promptWords);
            }
            if (tokens < 2 || tokens > 100_000) {
                throw new IllegalArgumentException("tokens must be 2..100000, got " + tokens);
            }
            if (runs < 1 || runs > 1000) {
                throw new IllegalArgumentException("runs must be 1..1000, got " + runs);
            }
        }

        public static Plan defaults() {
            return new Plan(List.of(16, 64, 256), 64, 3, Duration.ofMinutes(5));
        }
    }

    /** One measured run. */
    public record Sample(int promptWords, int promptTokens, int generatedTokens, double firstTokenMs,
                         double prefillTps, double decodeTps, double totalMs) {
    }

    /** The runs and what they give. */
    public record Result(List<Sample> samples, double prefillTps, double decodeTps, double latencyMs) {
    }

    private static final String[] WORDS = ("the sun sets slowly over a calm ocean and the sky turns gold then red "
            + "while small waves reach the sand and birds fly home across the quiet bay").split(" ");

    private Calibrator() {
    }

    /**
     * A prompt of {@code words} plain English words, the same for every engine, that begins with the
     * run's number: no two runs share a prefix that a server's prompt cache could skip.
     */
    public static String prompt(int run, int words) {
        StringBuilder b = new StringBuilder("Run " + run + ". Continue this text: ");
        for (int i = 0; i < words; i++) {
            b.append(i == 0 ? "" : " ").append(WORDS[i % WORDS.length]);
        }
        return b.toString();
    }

    public static Result run(SlmEngine engine, Plan plan, Consumer<Sample> progress) {
        once(engine, "warmup", prompt(0, 8), plan.timeout());
        List<Sample> samples = new ArrayList<>();
        int n = 0;
        for (int words : plan.promptWords()) {
            for (int r = 0; r < plan.runs(); r++) {
                n++;
                SlmResult result = once(engine, "calibrate_" + n, prompt(n, words), plan.timeout());
                Sample sample = sample(words, result);
                samples.add(sample);
                progress.accept(sample);
            }
        }
        int longest = plan.promptWords().stream().mapToInt(Integer::intValue).max().orElseThrow();
        double prefill = median(samples.stream().filter(s -> s.promptWords() == longest)
                .mapToDouble(Sample::prefillTps).toArray());
        double decode = median(samples.stream().mapToDouble(Sample::decodeTps).toArray());
        double latency = Math.max(0, median(samples.stream()
                .mapToDouble(s -> s.totalMs() - (s.promptTokens() / prefill + s.generatedTokens() / decode) * 1000)
                .toArray()));
        return new Result(List.copyOf(samples), prefill, decode, latency);
    }

    private static SlmResult once(SlmEngine engine, String id, String prompt, Duration timeout) {
        CompletableFuture<SlmResult> end = new CompletableFuture<>();
        engine.start(new SlmRequest(id, prompt, false, timeout), end::complete);
        SlmResult result;
        try {
            result = end.get(timeout.toMillis() + 10_000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("calibration interrupted");
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the engine did not end a run within " + timeout.toSeconds() + " s");
        }
        if (result.status() != SlmResult.Status.COMPLETED) {
            throw new IllegalStateException("a calibration run " + result.status().name().toLowerCase()
                    + ": " + result.error());
        }
        return result;
    }

    private static Sample sample(int words, SlmResult r) {
        if (r.promptTokens() <= 0 || r.generatedTokens() < 2) {
            throw new IllegalStateException("the engine reported " + r.promptTokens() + " prompt and "
                    + r.generatedTokens() + " generated tokens; calibrate needs its token counts (the process engine "
                    + "gives them with \"report\": \"llama.cpp\"), and at least 2 generated tokens (the model may have "
                    + "stopped early: try a longer --tokens or another prompt)");
        }
        SlmResult.Timings t = r.timings();
        Duration first = t.firstToken() != null ? t.firstToken() : t.prefill();
        double prefill = r.prefillTokensPerSecond();
        double decode = r.decodeTokensPerSecond();
        if (first == null || Double.isNaN(prefill) || Double.isNaN(decode)) {
            throw new IllegalStateException("the engine reported no timings for its prompt processing and "
                    + "generation; calibrate needs a streaming engine or one that reports them");
        }
        return new Sample(words, r.promptTokens(), r.generatedTokens(), first.toNanos() / 1e6, prefill, decode,
                r.elapsed().toNanos() / 1e6);
    }

    static double median(double[] values) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] v = values.clone();
        Arrays.sort(v);
        int m = v.length / 2;
        return v.length % 2 == 1 ? v[m] : (v[m - 1] + v[m]) / 2;
    }
}
