package io.meshbench.plugin.api;

/**
 * Makes {@link MetricSource}s. Registered in
 * {@code META-INF/services/io.meshbench.plugin.api.MetricSourceProvider}.
 */
public interface MetricSourceProvider {

    /** The name a device picks in {@code device_config.json}, e.g. {@code "procfs"}. */
    String name();

    /** A new source for the device the context describes. */
    MetricSource create(PluginContext context);
}
