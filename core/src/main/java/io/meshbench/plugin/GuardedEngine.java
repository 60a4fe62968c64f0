package io.meshbench.plugin;

import io.meshbench.plugin.api.Adjustable;
import io.meshbench.plugin.api.PluginContext;
import io.meshbench.plugin.api.SlmEngine;
import io.meshbench.plugin.api.SlmEngineProvider;
import io.meshbench.plugin.api.SlmRequest;
import io.meshbench.plugin.api.SlmResult;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An SLM engine provider as the host uses it: exceptions name the plugin and its jar, a run ends
 * exactly once whatever the engine does (a second end, or output after the end, is dropped and
 * logged), and a {@code null} result becomes a failure.
 */
final class GuardedEngine implements SlmEngineProvider {

    private final SlmEngineProvider plugin;
    private final String origin;

    GuardedEngine(SlmEngineProvider plugin, String origin) {
        this.plugin = plugin;
        this.origin = origin;
    }

    @Override
    public String name() {
        return plugin.name();
    }

    @Override
    public String version() {
        return plugin.version();
    }

    @Override
    public String description() {
        return plugin.description();
    }

    @Override
    public SlmEngine create(PluginContext context) {
        SlmEngine engine = PluginJar.create("SLM engine", origin, "engine", () -> plugin.create(context));
        return new Engine(engine, context.logger());
    }

    // Adjustable passes through, so that a wrapped simulated engine still takes a scenario's faults.
    private final class Engine implements SlmEngine, Adjustable {
        private final SlmEngine engine;
        private final System.Logger log;

        Engine(SlmEngine engine, System.Logger log) {
            this.engine = engine;
            this.log = log;
        }

        @Override
        public boolean adjust(String condition, double value) {
            try {
                return engine instanceof Adjustable a && a.adjust(condition, value);
            } catch (RuntimeException | LinkageError e) {
                throw new IllegalStateException("SLM engine " + origin + " failed to adjust " + condition + ": "
                        + PluginJar.cause(e), e);
            }
        }

        /** A plugin that cannot tell, or fails to, expects nothing: the orchestrator then uses history. */
        @Override
        public java.util.Optional<Duration> expectedDuration(SlmRequest request) {
            try {
                java.util.Optional<Duration> expected = engine.expectedDuration(request);
                return expected == null ? java.util.Optional.empty() : expected;
            } catch (RuntimeException | LinkageError e) {
                log.log(System.Logger.Level.WARNING, "SLM engine " + origin + " failed to estimate a run: "
                        + PluginJar.cause(e));
                return java.util.Optional.empty();
            }
        }

        @Override
        public Run start(SlmRequest request, Listener listener) {
            OnceListener once = new OnceListener(listener, log);
            Run run;
            try {
                run = engine.start(request, once);
            } catch (RuntimeException | LinkageError e) {
                throw new IllegalStateException("SLM engine " + origin + " failed to start a run: "
                        + PluginJar.cause(e), e);
            }
            return () -> {
                try {
                    if (run != null) {
                        run.cancel();
                    }
                } catch (RuntimeException | LinkageError e) {
                    once.onComplete(SlmResult.failed(SlmResult.Status.CANCELLED, "cancel failed in SLM engine "
                            + origin + ": " + PluginJar.cause(e), "", Duration.ZERO));
                }
            };
        }

        @Override
        public void close() {
            try {
                engine.close();
            } catch (RuntimeException | LinkageError e) {
                log.log(System.Logger.Level.WARNING, "SLM engine " + origin + " failed to close: " + PluginJar.cause(e));
            }
        }
    }

    private final class OnceListener implements SlmEngine.Listener {
        private final SlmEngine.Listener listener;
        private final System.Logger log;
        private final AtomicBoolean done = new AtomicBoolean();

        OnceListener(SlmEngine.Listener listener, System.Logger log) {
            this.listener = listener;
            this.log = log;
        }

        @Override
        public void onOutput(String text) {
            if (done.get()) {
                log.log(System.Logger.Level.WARNING, "SLM engine " + origin + " sent output after the end of its run; dropped");
            } else if (text != null) {
                listener.onOutput(text);
            }
        }

        @Override
        public void onComplete(SlmResult result) {
            if (!done.compareAndSet(false, true)) {
                log.log(System.Logger.Level.WARNING, "SLM engine " + origin + " ended one run twice; the second end is dropped");
                return;
            }
            listener.onComplete(result != null ? result : SlmResult.failed(SlmResult.Status.FAILED,
                    "SLM engine " + origin + " ended the run with no result (null)", "", Duration.ZERO));
        }
    }
}
