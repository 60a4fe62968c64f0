package io.meshbench.plugin;

import io.meshbench.plugin.api.MetricSourceProvider;
import io.meshbench.plugin.api.Plugin;
import io.meshbench.plugin.api.SelectionStrategy;
import io.meshbench.plugin.api.SlmEngineProvider;

import java.util.List;

/** The three kinds of plugin: their provider interface and the names users see. */
public enum PluginKind {
    METRICS("metrics", "metric source", MetricSourceProvider.class),
    SLM("slm", "SLM engine", SlmEngineProvider.class),
    STRATEGY("strategy", "selection strategy", SelectionStrategy.class);

    /** Lower case letters, digits and dashes, starting with a letter. */
    static final String NAME_PATTERN = "[a-z][a-z0-9-]*";

    private final String id;
    private final String title;
    private final Class<? extends Plugin> provider;

    PluginKind(String id, String title, Class<? extends Plugin> provider) {
        this.id = id;
        this.title = title;
        this.provider = provider;
    }

    /** {@code metrics}, {@code slm} or {@code strategy}, as on the command line. */
    public String id() {
        return id;
    }

    /** {@code metric source}, {@code SLM engine} or {@code selection strategy}, for messages. */
    public String title() {
        return title;
    }

    /** The interface ServiceLoader looks for. */
    public Class<? extends Plugin> provider() {
        return provider;
    }

    /** The service file a jar registers this kind in. */
    public String serviceFile() {
        return "META-INF/services/" + provider.getName();
    }

    /** The kind named {@code id}, or a clear error. */
    public static PluginKind of(String id) {
        for (PluginKind kind : values()) {
            if (kind.id.equals(id)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown plugin kind \"" + id + "\"; use one of "
                + String.join(", ", List.of(METRICS.id, SLM.id, STRATEGY.id)));
    }
}
