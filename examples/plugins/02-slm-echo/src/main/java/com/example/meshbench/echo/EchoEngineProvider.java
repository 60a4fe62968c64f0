package com.example.meshbench.echo;

import io.meshbench.plugin.api.PluginContext;
import io.meshbench.plugin.api.SlmEngine;
import io.meshbench.plugin.api.SlmEngineProvider;
import io.meshbench.plugin.api.SlmRequest;
import io.meshbench.plugin.api.SlmResult;

import java.time.Duration;

/**
 * The "echo" SLM engine: answers with the prompt's words in reverse order, one word every
 * "ms_per_token" milliseconds (default 20), streamed. It shows the contract every engine keeps:
 * work on the host's scheduler, end each run exactly once, honour cancel and the timeout.
 * Replace the words with a call to your model.
 */
public final class EchoEngineProvider implements SlmEngineProvider {

    @Override
    public String name() {
        return "echo";
    }

    @Override
    public String description() {
        return "Echoes the prompt's words in reverse, one token at a time.";
    }

    @Override
    public SlmEngine create(PluginContext context) {
        double ms = context.number("ms_per_token", 20);
        if (!(ms >= 0)) {
            throw new IllegalArgumentException("ms_per_token must be 0 or more, got " + ms);
        }
        return (request, listener) -> new EchoRun(context, request, listener, Duration.ofNanos((long) (ms * 1e6)));
    }

    /** One run: a chain of scheduled steps, one word each. */
    private static final class EchoRun implements SlmEngine.Run {
        private final PluginContext context;
        private final SlmEngine.Listener listener;
        private final String[] words;
        private final Duration step;
        private final long started;
        private final StringBuilder output = new StringBuilder();
        private final PluginContext.Cancellable timeout;
        private PluginContext.Cancellable next;
        private int index;
        private boolean ended;

        EchoRun(PluginContext context, SlmRequest request, SlmEngine.Listener listener, Duration step) {
            this.context = context;
            this.listener = listener;
            this.words = request.prompt().strip().split("\\s+");
            this.step = step;
            this.started = context.nowNanos();
            synchronized (this) {
                this.timeout = context.schedule(request.timeout(), () -> end(SlmResult.Status.TIMED_OUT, "over the timeout"));
                this.next = context.schedule(step, this::emit);
            }
        }

        private synchronized void emit() {
            if (ended) {
                return;
            }
            if (index == words.length) {
                ended = true;
                timeout.cancel();
                listener.onComplete(SlmResult.completed(output.toString(), words.length, words.length, elapsed()));
                return;
            }
            String word = (index == 0 ? "" : " ") + words[words.length - 1 - index++];
            output.append(word);
            listener.onOutput(word);
            next = context.schedule(step, this::emit);
        }

        @Override
        public void cancel() {
            end(SlmResult.Status.CANCELLED, "cancelled");
        }

        private synchronized void end(SlmResult.Status status, String why) {
            if (ended) {
                return; // a run ends exactly once
            }
            ended = true;
            timeout.cancel();
            next.cancel();
            listener.onComplete(SlmResult.failed(status, why, output.toString(), elapsed()));
        }

        private Duration elapsed() {
            return Duration.ofNanos(context.nowNanos() - started);
        }
    }
}
