package io.meshbench.node;

import io.meshbench.plugin.api.PluginContext;
import io.meshbench.runtime.MeshContext;

import java.time.Duration;
import java.util.Map;
import java.util.random.RandomGenerator;

/** The context a node hands to each of its plugins: the node's clock, scheduler and random source. */
final class NodePluginContext implements PluginContext {
    private final MeshContext mesh;
    private final Map<String, Object> config;
    private final System.Logger logger;

    NodePluginContext(MeshContext mesh, String plugin, Map<String, Object> config) {
        this.mesh = mesh;
        this.config = Map.copyOf(config);
        this.logger = System.getLogger("meshbench.plugin." + plugin + "." + mesh.self());
    }

    @Override
    public String deviceId() {
        return mesh.self();
    }

    @Override
    public Map<String, Object> config() {
        return config;
    }

    @Override
    public long nowNanos() {
        return mesh.now();
    }

    @Override
    public Cancellable schedule(Duration delay, Runnable action) {
        return mesh.schedule(delay, action);
    }

    @Override
    public System.Logger logger() {
        return logger;
    }

    @Override
    public RandomGenerator random() {
        return mesh.random();
    }
}
