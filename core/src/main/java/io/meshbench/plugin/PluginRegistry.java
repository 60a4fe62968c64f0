package io.meshbench.plugin;

import io.meshbench.auction.NpuFirstStrategy;
import io.meshbench.plugin.api.MetricSourceProvider;
import io.meshbench.plugin.api.Plugin;
import io.meshbench.plugin.api.SelectionStrategy;
import io.meshbench.plugin.api.SlmEngineProvider;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.stream.Stream;

/**
 * The plugins a node or an orchestrator can pick by name: the built-in ones (found with
 * {@link ServiceLoader} on MeshBench's class path, and the stock NPU-first strategy, always there),
 * then the jars of plugin folders, each jar in a class loader of its own ({@link PluginJar}).
 *
 * <p>A name is taken by the first plugin of its kind that claims it: built-in ones first, then
 * folders in the order given, jars in a folder in alphabetical order. A jar that cannot be used,
 * and a plugin whose name is taken, become {@link #problems()}; the rest load. Every plugin handed
 * out is wrapped so that what it throws or returns wrong names the plugin and its jar.
 */
public final class PluginRegistry {

    /** The per-user plugin folder, {@code ~/.meshbench/plugins}. */
    public static Path userFolder() {
        return Path.of(System.getProperty("user.home"), ".meshbench", "plugins");
    }

    private record Entry(Plugin plugin, LoadedPlugin info) {
    }

    private final Map<PluginKind, Map<String, Entry>> byKind = new EnumMap<>(PluginKind.class);
    private final List<PluginProblem> problems = new ArrayList<>();
    private final List<Path> folders = new ArrayList<>();
    private final ClassLoader host;

    /** The plugins on the class path of this class. */
    public static PluginRegistry fromClassPath() {
        return new PluginRegistry(PluginRegistry.class.getClassLoader());
    }

    /**
     * The built-in plugins and those in {@code folders}, in that order; a folder that does not
     * exist is skipped silently only when {@code optional} says so (the per-user default).
     */
    public static PluginRegistry load(List<Path> folders, List<Path> optional) {
        PluginRegistry registry = fromClassPath();
        for (Path folder : folders) {
            if (!Files.isDirectory(folder)) {
                throw new IllegalArgumentException("plugin folder " + folder + " does not exist or is not a folder; "
                        + "give a folder that holds plugin jars");
            }
            registry.addFolder(folder);
        }
        for (Path folder : optional) {
            if (Files.isDirectory(folder)) {
                registry.addFolder(folder);
            }
        }
        return registry;
    }

    /** The plugins {@code loader} finds with ServiceLoader, as built-in ones. */
    public PluginRegistry(ClassLoader loader) {
        this.host = loader;
        for (PluginKind kind : PluginKind.values()) {
            byKind.put(kind, new LinkedHashMap<>());
        }
        add(PluginKind.STRATEGY, new NpuFirstStrategy(), Optional.empty());
        for (PluginKind kind : PluginKind.values()) {
            for (ServiceLoader.Provider<? extends Plugin> provider : ServiceLoader.load(kind.provider(), loader)
                    .stream().toList()) {
                add(kind, provider.get(), Optional.empty());
            }
        }
    }

    /** Loads every {@code *.jar} in {@code folder}, in alphabetical order. */
    public void addFolder(Path folder) {
        folders.add(folder);
        List<Path> jars;
        try (Stream<Path> files = Files.list(folder)) {
            jars = files.filter(p -> p.getFileName().toString().endsWith(".jar")).sorted().toList();
        } catch (IOException e) {
            throw new IllegalArgumentException("plugin folder " + folder + " cannot be read: " + e.getMessage());
        }
        jars.forEach(this::addJar);
    }

    /** Loads one jar; returns what it held, problems included. */
    public PluginJar addJar(Path jar) {
        PluginJar loaded = PluginJar.load(jar, host);
        problems.addAll(loaded.problems());
        for (PluginJar.Found found : loaded.plugins()) {
            add(found.kind(), found.plugin(), Optional.of(jar));
        }
        return loaded;
    }

    private void add(PluginKind kind, Plugin plugin, Optional<Path> jar) {
        Map<String, Entry> plugins = byKind.get(kind);
        Entry taken = plugins.get(plugin.name());
        if (taken != null) {
            if (jar.isPresent()) {
                problems.add(new PluginProblem(jar.get(), kind.title() + " \"" + plugin.name() + "\" is skipped: "
                        + "the name is taken by the one from " + taken.info().origin() + "; rename one of them"));
            }
            return;
        }
        String origin = "\"" + plugin.name() + "\" (" + jar.map(j -> "from " + j).orElse("built-in") + ")";
        Plugin guarded = switch (kind) {
            case METRICS -> new GuardedMetrics((MetricSourceProvider) plugin, origin);
            case SLM -> new GuardedEngine((SlmEngineProvider) plugin, origin);
            case STRATEGY -> new GuardedStrategy((SelectionStrategy) plugin, origin);
        };
        String version = safe(plugin::version, "unversioned");
        String description = safe(plugin::description, "");
        plugins.put(plugin.name(), new Entry(guarded, new LoadedPlugin(kind.id(), plugin.name(), version, description, jar)));
    }

    private static String safe(java.util.function.Supplier<String> value, String fallback) {
        try {
            String v = value.get();
            return v == null ? fallback : v;
        } catch (RuntimeException | LinkageError e) {
            return fallback;
        }
    }

    public MetricSourceProvider metrics(String name) {
        return (MetricSourceProvider) find(PluginKind.METRICS, name);
    }

    public SlmEngineProvider engine(String name) {
        return (SlmEngineProvider) find(PluginKind.SLM, name);
    }

    public SelectionStrategy strategy(String name) {
        return (SelectionStrategy) find(PluginKind.STRATEGY, name);
    }

    public List<String> strategyNames() {
        return new ArrayList<>(byKind.get(PluginKind.STRATEGY).keySet());
    }

    /** Every plugin held, by kind then in the order loaded. */
    public List<LoadedPlugin> plugins() {
        return byKind.values().stream().flatMap(m -> m.values().stream()).map(Entry::info).toList();
    }

    /** Jars and plugins that could not be used, and why. */
    public List<PluginProblem> problems() {
        return List.copyOf(problems);
    }

    /** The plugin folders that were read. */
    public List<Path> folders() {
        return List.copyOf(folders);
    }

    private Plugin find(PluginKind kind, String name) {
        Entry entry = byKind.get(kind).get(name);
        if (entry != null) {
            return entry.plugin();
        }
        StringBuilder message = new StringBuilder("no " + kind.title() + " named \"" + name + "\"; available: "
                + (byKind.get(kind).isEmpty() ? "none" : String.join(", ", byKind.get(kind).keySet())));
        if (!problems.isEmpty()) {
            message.append(". Plugin jars that could not be used: ");
            message.append(String.join("; ", problems.stream().map(PluginProblem::toString).toList()));
        }
        message.append(folders.isEmpty()
                ? ". Put its jar in a folder and give it with --plugins DIR, or into " + userFolder()
                : ". Plugin folders read: " + String.join(", ", folders.stream().map(Path::toString).toList()));
        throw new IllegalArgumentException(message.toString());
    }
}
