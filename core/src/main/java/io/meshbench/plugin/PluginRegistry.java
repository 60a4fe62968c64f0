package io.meshbench.plugin;

import io.meshbench.auction.NpuFirstStrategy;
import io.meshbench.plugin.api.MetricSourceProvider;
import io.meshbench.plugin.api.SelectionStrategy;
import io.meshbench.plugin.api.SlmEngineProvider;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.function.Function;

/**
 * The plugins a node or an orchestrator can pick by name, found with {@link ServiceLoader} on a
 * class loader. The stock NPU-first strategy is always there.
 */
public final class PluginRegistry {

    private final Map<String, MetricSourceProvider> metrics = new LinkedHashMap<>();
    private final Map<String, SlmEngineProvider> engines = new LinkedHashMap<>();
    private final Map<String, SelectionStrategy> strategies = new LinkedHashMap<>();

    /** The plugins on the class path of this class. */
    public static PluginRegistry fromClassPath() {
        return new PluginRegistry(PluginRegistry.class.getClassLoader());
    }

    public PluginRegistry(ClassLoader loader) {
        strategies.put(NpuFirstStrategy.NAME, new NpuFirstStrategy());
        load(MetricSourceProvider.class, loader, MetricSourceProvider::name, metrics);
        load(SlmEngineProvider.class, loader, SlmEngineProvider::name, engines);
        load(SelectionStrategy.class, loader, SelectionStrategy::name, strategies);
    }

    private static <T> void load(Class<T> kind, ClassLoader loader, Function<T, String> name, Map<String, T> into) {
        for (T plugin : ServiceLoader.load(kind, loader)) {
            into.putIfAbsent(name.apply(plugin), plugin);
        }
    }

    public MetricSourceProvider metrics(String name) {
        return find("metric source", name, metrics);
    }

    public SlmEngineProvider engine(String name) {
        return find("SLM engine", name, engines);
    }

    public SelectionStrategy strategy(String name) {
        return find("selection strategy", name, strategies);
    }

    public List<String> strategyNames() {
        return new ArrayList<>(strategies.keySet());
    }

    private static <T> T find(String kind, String name, Map<String, T> plugins) {
        T plugin = plugins.get(name);
        if (plugin == null) {
            throw new IllegalArgumentException("no " + kind + " named \"" + name + "\"; available: "
                    + (plugins.isEmpty() ? "none" : String.join(", ", plugins.keySet())));
        }
        return plugin;
    }
}
