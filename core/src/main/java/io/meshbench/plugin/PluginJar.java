package io.meshbench.plugin;

import io.meshbench.plugin.api.Plugin;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.jar.JarFile;
import java.util.zip.ZipException;

/**
 * Loads the plugins of one jar, in a class loader of its own whose parent shows only the JDK and
 * the plugin API ({@link ApiOnlyClassLoader}). Whatever is wrong with the jar becomes a
 * {@link PluginProblem} that names the jar and the fault; nothing a jar does escapes as an exception.
 *
 * @param jar      the jar
 * @param plugins  the providers it registered that could be created, with their kind
 * @param problems what went wrong
 */
public record PluginJar(Path jar, List<Found> plugins, List<PluginProblem> problems) {

    /** A provider found in a jar. */
    public record Found(PluginKind kind, Plugin plugin) {
    }

    /** Loads {@code jar}; its classes see the plugin API as {@code host} loads it, and the JDK. */
    public static PluginJar load(Path jar, ClassLoader host) {
        List<PluginProblem> problems = new ArrayList<>();
        List<PluginKind> registered = new ArrayList<>();
        if (!Files.isRegularFile(jar)) {
            problems.add(new PluginProblem(jar, "is not a file; give the path of a plugin jar"));
            return new PluginJar(jar, List.of(), problems);
        }
        try (JarFile file = new JarFile(jar.toFile())) {
            for (PluginKind kind : PluginKind.values()) {
                if (file.getEntry(kind.serviceFile()) != null) {
                    registered.add(kind);
                }
            }
        } catch (ZipException e) {
            problems.add(new PluginProblem(jar, "is not a valid jar (corrupt or truncated zip: " + e.getMessage()
                    + "); rebuild it, e.g. with mvn package"));
            return new PluginJar(jar, List.of(), problems);
        } catch (IOException | SecurityException e) {
            problems.add(new PluginProblem(jar, "cannot be read: " + e.getMessage()));
            return new PluginJar(jar, List.of(), problems);
        }
        if (registered.isEmpty()) {
            problems.add(new PluginProblem(jar, "registers no plugin: it needs a provider file "
                    + PluginKind.METRICS.serviceFile() + ", " + PluginKind.SLM.serviceFile() + " or "
                    + PluginKind.STRATEGY.serviceFile() + " naming its class"));
            return new PluginJar(jar, List.of(), problems);
        }
        URLClassLoader loader;
        try {
            loader = new URLClassLoader("plugin:" + jar.getFileName(), new URL[]{jar.toUri().toURL()},
                    new ApiOnlyClassLoader(host));
        } catch (MalformedURLException e) {
            problems.add(new PluginProblem(jar, "has a path that is not a URL: " + e.getMessage()));
            return new PluginJar(jar, List.of(), problems);
        }
        List<Found> found = new ArrayList<>();
        for (PluginKind kind : registered) {
            found.addAll(providers(jar, kind, loader, problems));
        }
        if (found.isEmpty()) {
            close(loader);
        }
        return new PluginJar(jar, List.copyOf(found), List.copyOf(problems));
    }

    private static List<Found> providers(Path jar, PluginKind kind, ClassLoader loader, List<PluginProblem> problems) {
        List<Found> found = new ArrayList<>();
        Iterator<? extends ServiceLoader.Provider<? extends Plugin>> it =
                ServiceLoader.load(kind.provider(), loader).stream().iterator();
        while (true) {
            ServiceLoader.Provider<? extends Plugin> provider;
            try {
                if (!it.hasNext()) {
                    break;
                }
                provider = it.next();
            } catch (ServiceConfigurationError | LinkageError e) {
                problems.add(new PluginProblem(jar, "lists a " + kind.title() + " in " + kind.serviceFile()
                        + " that cannot be loaded: " + cause(e)));
                continue;
            }
            try {
                Plugin plugin = provider.get();
                String invalid = invalidMetadata(plugin);
                if (invalid != null) {
                    problems.add(new PluginProblem(jar, kind.title() + " " + provider.type().getName() + " " + invalid));
                } else {
                    found.add(new Found(kind, plugin));
                }
            } catch (ServiceConfigurationError | RuntimeException | LinkageError e) {
                problems.add(new PluginProblem(jar, kind.title() + " " + provider.type().getName()
                        + " cannot be created: " + cause(e)));
            }
        }
        return found;
    }

    private static String invalidMetadata(Plugin plugin) {
        String name = plugin.name();
        if (name == null || !name.matches(PluginKind.NAME_PATTERN)) {
            return "has the name " + (name == null ? "null" : "\"" + name + "\"")
                    + "; a name is lower case letters, digits and dashes, e.g. \"my-strategy\"";
        }
        if (plugin.version() == null || plugin.description() == null) {
            return "\"" + name + "\" returns null from version() or description(); return text";
        }
        return null;
    }

    /**
     * Calls a plugin's {@code create}: a bad setting ({@link IllegalArgumentException}) stays one, any
     * other fault becomes an {@link IllegalStateException}, and {@code null} is refused; each message
     * names the plugin ({@code kind} and {@code origin}).
     *
     * @param made what create() should have returned, e.g. "source"
     */
    static <T> T create(String kind, String origin, String made, java.util.function.Supplier<T> create) {
        T created;
        try {
            created = create.get();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(kind + " " + origin + ": " + e.getMessage(), e);
        } catch (RuntimeException | LinkageError e) {
            throw new IllegalStateException(kind + " " + origin + " failed to start: " + cause(e), e);
        }
        if (created == null) {
            throw new IllegalStateException(kind + " " + origin + " returned no " + made + " from create()");
        }
        return created;
    }

    /** The innermost cause, which is the plugin's own fault rather than ServiceLoader's wrapping. */
    static String cause(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String where = "";
        for (StackTraceElement frame : root.getStackTrace()) {
            if (!frame.getClassName().startsWith("java.") && !frame.getClassName().startsWith("jdk.")) {
                where = " at " + frame;
                break;
            }
        }
        return root + where;
    }

    private static void close(URLClassLoader loader) {
        try {
            loader.close();
        } catch (IOException ignored) {
            // nothing was loaded from it
        }
    }
}
