package io.meshbench.plugins.llama;

import io.meshbench.plugin.api.PluginContext;
import io.meshbench.plugin.api.SlmEngine;
import io.meshbench.plugin.api.SlmEngineProvider;
import io.meshbench.plugin.api.SlmRequest;

import java.util.ArrayList;
import java.util.List;

/**
 * A real small language model in this process: llama.cpp through its Java binding
 * ({@code de.kherud:llama}, whose jar carries the native library for Linux, macOS, Windows and
 * Android), running a local GGUF model on the CPU.
 *
 * <p>Settings: {@code model} (required: the GGUF file); {@code context} (tokens, default 2048);
 * {@code threads} (default the cores, at most 4); {@code parallel} (runs at once, default 1: more
 * wait their turn); {@code max_tokens} (default 128); {@code temperature} (default 0.8);
 * {@code seed}; {@code chat} (default true: the prompt goes through the model's chat template as a
 * user message; false sends it as raw text); {@code max_output_chars} (default 32768);
 * {@code max_memory_mb} (a model file larger than this, or than the memory available, is refused).
 *
 * <p>Engines that name the same file and settings share one loaded model, freed when the last of
 * them closes; the task's timeout and a cancel stop generation at the next token.
 */
public final class LlamaSlmProvider implements SlmEngineProvider {

    public static final String NAME = "llama";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "A local GGUF model run in this process by llama.cpp (de.kherud:llama): streamed tokens, counts and rates.";
    }

    @Override
    public SlmEngine create(PluginContext context) {
        LlamaSettings settings = LlamaSettings.of(context);
        SharedModels.Handle handle = SharedModels.acquire(new SharedModels.Key(settings.model().toString(),
                settings.context(), settings.threads(), settings.parallel()));
        return new Engine(context, settings, handle);
    }

    private static final class Engine implements SlmEngine {
        private final PluginContext context;
        private final LlamaSettings settings;
        private final SharedModels.Handle handle;
        private final List<LlamaRun> runs = new ArrayList<>();
        private boolean closed;

        Engine(PluginContext context, LlamaSettings settings, SharedModels.Handle handle) {
            this.context = context;
            this.settings = settings;
            this.handle = handle;
        }

        @Override
        public synchronized Run start(SlmRequest request, Listener listener) {
            if (closed) {
                throw new IllegalStateException("the llama engine of device " + context.deviceId() + " is closed");
            }
            runs.removeIf(LlamaRun::ended);
            LlamaRun run = LlamaRun.start(context, settings, handle.model, request, listener);
            runs.add(run);
            return run;
        }

        /** Stops every run, waits for their threads to leave llama.cpp, then lets the model go. */
        @Override
        public void close() {
            List<LlamaRun> left;
            synchronized (this) {
                if (closed) {
                    return;
                }
                closed = true;
                left = List.copyOf(runs);
                runs.clear();
            }
            boolean quiet = true;
            for (LlamaRun run : left) {
                run.cancel();
                try {
                    quiet &= run.awaitExit(10_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    quiet = false;
                }
            }
            if (quiet) {
                SharedModels.release(handle);
            } else {
                // Freeing the model under a thread still inside llama.cpp would crash the process: keep it.
                context.logger().log(System.Logger.Level.WARNING, "a run of " + settings.model()
                        + " did not stop within 10 s; its model stays loaded until the process exits");
            }
        }
    }
}
