package io.meshbench.plugin.api;

/**
 * Makes {@link MetricSource}s. Registered in
 * {@code META-INF/services/io.meshbench.plugin.api.MetricSourceProvider}.
 */
public interface MetricSourceProvider extends Plugin {

    /** The name a device picks in {@code device_config.json}, e.g. {@code "procfs"}. */
    @Override
    String name();

    /**
     * A new source for the device the context describes. Throws {@link IllegalArgumentException}
     * with a message naming the setting when the context's configuration is wrong.
     */
    MetricSource create(PluginContext context);
}
