package io.meshbench.plugin;

/**
 * The parent of every plugin jar's class loader: the JDK and the plugin API, nothing else. A plugin
 * therefore cannot reach MeshBench's internals or its libraries (Jackson, picocli), and two plugins
 * may bundle different versions of the same library without clashing.
 */
final class ApiOnlyClassLoader extends ClassLoader {

    private static final String API_PACKAGE = "io.meshbench.plugin.api.";

    private final ClassLoader host;

    ApiOnlyClassLoader(ClassLoader host) {
        super("meshbench-plugin-api", ClassLoader.getPlatformClassLoader());
        this.host = host;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (name.startsWith(API_PACKAGE)) {
            // One Class object for the API across host and plugins, or the host could not cast them.
            return host.loadClass(name);
        }
        return super.loadClass(name, resolve);
    }
}
