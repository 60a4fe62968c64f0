package io.meshbench.plugin.api;

/**
 * Makes {@link SlmEngine}s. Registered in
 * {@code META-INF/services/io.meshbench.plugin.api.SlmEngineProvider}.
 */
public interface SlmEngineProvider {

    /** The name a device picks in {@code device_config.json}, e.g. {@code "process"}. */
    String name();

    /** A new engine for the device the context describes. */
    SlmEngine create(PluginContext context);
}
