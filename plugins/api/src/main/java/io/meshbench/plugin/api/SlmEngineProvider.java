package io.meshbench.plugin.api;

/**
 * Makes {@link SlmEngine}s. Registered in
 * {@code META-INF/services/io.meshbench.plugin.api.SlmEngineProvider}.
 */
public interface SlmEngineProvider extends Plugin {

    /** The name a device picks in {@code device_config.json}, e.g. {@code "process"}. */
    @Override
    String name();

    /**
     * A new engine for the device the context describes. Throws {@link IllegalArgumentException}
     * with a message naming the setting when the context's configuration is wrong.
     */
    SlmEngine create(PluginContext context);
}
