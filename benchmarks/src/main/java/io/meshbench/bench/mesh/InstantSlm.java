package io.meshbench.bench.mesh;

import io.meshbench.plugin.api.PluginContext;
import io.meshbench.plugin.api.SlmEngine;
import io.meshbench.plugin.api.SlmEngineProvider;
import io.meshbench.plugin.api.SlmResult;

import java.time.Duration;

/**
 * An SLM engine that answers at once, so that a task round trip measures the mesh and nothing of
 * the model. Not registered as a plugin: the benchmark meshes hand it to their device nodes.
 */
public final class InstantSlm implements SlmEngineProvider {

    @Override
    public String name() {
        return "instant";
    }

    @Override
    public String description() {
        return "Answers every prompt at once with a fixed word (benchmarks).";
    }

    @Override
    public SlmEngine create(PluginContext context) {
        return (request, listener) -> {
            listener.onComplete(SlmResult.completed("done", 1, 1, Duration.ZERO));
            return () -> { };
        };
    }
}
