package io.meshbench.plugins.llama;

import de.kherud.llama.InferenceParameters;
import de.kherud.llama.LlamaIterator;
import de.kherud.llama.LlamaModel;
import de.kherud.llama.LlamaOutput;
import de.kherud.llama.Pair;
import io.meshbench.plugin.api.PluginContext;
import io.meshbench.plugin.api.SlmEngine;
import io.meshbench.plugin.api.SlmRequest;
import io.meshbench.plugin.api.SlmResult;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One prompt through the model, on a thread of its own that streams each piece to the listener.
 * Whichever comes first of the end of generation, the task's timeout and a cancel ends the run,
 * exactly once. A stop is seen by the generating thread at its next token, which then calls
 * llama.cpp's cancel itself: cancelling from another thread would leave that thread waiting for a
 * token that never comes.
 *
 * <p>Counts and timings: prompt tokens as the model's tokenizer counts the (templated) prompt;
 * generated tokens as the pieces llama.cpp streams (one a token; the last message of a stream is
 * its end, not a token); the first token's time from the start of the run (prompt processing plus
 * the first token, plus any wait for a free slot), and decode from the first token to the last.
 */
final class LlamaRun implements SlmEngine.Run {

    private final PluginContext context;
    private final LlamaSettings settings;
    private final LlamaModel model;
    private final SlmRequest request;
    private final SlmEngine.Listener listener;
    private final AtomicBoolean ended = new AtomicBoolean();
    private volatile boolean stopRequested;
    private final StringBuilder output = new StringBuilder();
    private final long started;
    private PluginContext.Cancellable timer;
    private Thread thread;

    private LlamaRun(PluginContext context, LlamaSettings settings, LlamaModel model, SlmRequest request,
                     SlmEngine.Listener listener) {
        this.context = context;
        this.settings = settings;
        this.model = model;
        this.request = request;
        this.listener = listener;
        this.started = context.nowNanos();
    }

    static LlamaRun start(PluginContext context, LlamaSettings settings, LlamaModel model, SlmRequest request,
                          SlmEngine.Listener listener) {
        LlamaRun run = new LlamaRun(context, settings, model, request, listener);
        run.timer = context.schedule(request.timeout(), () -> run.stop(SlmResult.Status.TIMED_OUT,
                "the model ran over the timeout of " + request.timeout().toMillis() + " ms and was stopped"));
        // A platform thread: a native call that blocks would pin a virtual thread's carrier anyway.
        run.thread = Thread.ofPlatform().daemon().name("llama-" + request.taskId()).start(run::generate);
        return run;
    }

    private void generate() {
        long t0 = System.nanoTime();
        long first = -1;
        int pieces = 0;
        boolean truncated = false;
        int promptTokens = -1;
        try {
            String text = settings.chat()
                    ? model.applyTemplate(new InferenceParameters("").setMessages(null,
                            List.of(new Pair<>("user", request.prompt()))))
                    : request.prompt();
            promptTokens = model.encode(text).length;
            InferenceParameters params = new InferenceParameters(text)
                    .setNPredict(settings.maxTokens())
                    .setTemperature((float) settings.temperature())
                    .setCachePrompt(false);
            if (settings.seed() >= 0) {
                params.setSeed((int) settings.seed());
            }
            LlamaIterator tokens = model.generate(params).iterator();
            while (true) {
                if (stopRequested) {
                    tokens.cancel();
                    return;
                }
                if (!tokens.hasNext()) {
                    break;
                }
                LlamaOutput piece = tokens.next();
                pieces++;
                if (first < 0) {
                    first = System.nanoTime();
                }
                String chunk = piece.text;
                if (chunk.isEmpty()) {
                    continue;
                }
                synchronized (this) {
                    if (ended.get()) {
                        continue;
                    }
                    int room = settings.maxOutput() - output.length();
                    if (chunk.length() > room) {
                        chunk = chunk.substring(0, Math.max(0, room));
                        truncated = true;
                    }
                    output.append(chunk);
                }
                if (!chunk.isEmpty()) {
                    listener.onOutput(chunk);
                }
                if (truncated) {
                    tokens.cancel();
                    break;
                }
            }
        } catch (RuntimeException | Error e) {
            end(SlmResult.failed(SlmResult.Status.FAILED, "llama.cpp failed: " + e.getMessage(), partial(),
                    elapsed()));
            return;
        }
        long end = System.nanoTime();
        // A finished stream ends with a message that carries no token; a truncated one was cut before it.
        int generated = truncated ? pieces : Math.max(0, pieces - 1);
        String text;
        synchronized (this) {
            text = output + (truncated ? "\n[output truncated at " + settings.maxOutput() + " characters]" : "");
        }
        Duration firstToken = first < 0 ? null : Duration.ofNanos(first - t0);
        Duration decode = first < 0 ? null : Duration.ofNanos(end - first);
        end(SlmResult.completed(text, promptTokens, generated, elapsed())
                .withTimings(new SlmResult.Timings(firstToken, firstToken, decode, false)));
    }

    @Override
    public void cancel() {
        stop(SlmResult.Status.CANCELLED, "cancelled");
    }

    private void stop(SlmResult.Status status, String why) {
        stopRequested = true;
        end(SlmResult.failed(status, why, partial(), elapsed()));
    }

    /** Waits up to {@code millis} for the generating thread to leave llama.cpp; whether it did. */
    boolean awaitExit(long millis) throws InterruptedException {
        stopRequested = true;
        return thread.join(Duration.ofMillis(millis));
    }

    boolean ended() {
        return ended.get();
    }

    private synchronized String partial() {
        return output.toString();
    }

    private void end(SlmResult result) {
        if (!ended.compareAndSet(false, true)) {
            return;
        }
        if (timer != null) {
            timer.cancel();
        }
        listener.onComplete(result);
    }

    private Duration elapsed() {
        return Duration.ofNanos(Math.max(0, context.nowNanos() - started));
    }
}
