package io.meshbench.plugin.api;

/**
 * What every plugin tells the host about itself, so that {@code meshbench plugins} can list it and
 * an error can name it. Every provider ({@link MetricSourceProvider}, {@link SlmEngineProvider},
 * {@link SelectionStrategy}) is one; the host reads these before it creates anything.
 */
public interface Plugin {

    /**
     * The name a user picks the plugin by ({@code "procfs"}, {@code "npu-first"}): lower case
     * letters, digits and dashes, unique among the plugins of its kind.
     */
    String name();

    /**
     * The plugin's version. By default the {@code Implementation-Version} of the jar's manifest
     * (Maven's jar plugin writes it with {@code addDefaultImplementationEntries}), or
     * {@code "unversioned"} when the jar says nothing.
     */
    default String version() {
        Package p = getClass().getPackage();
        String version = p == null ? null : p.getImplementationVersion();
        return version == null || version.isBlank() ? "unversioned" : version;
    }

    /** One sentence that says what the plugin does, shown in listings; empty by default. */
    default String description() {
        return "";
    }
}
