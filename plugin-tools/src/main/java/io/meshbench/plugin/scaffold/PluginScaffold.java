package io.meshbench.plugin.scaffold;

import io.meshbench.plugin.PluginKind;
import io.meshbench.plugin.api.Plugin;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * {@code meshbench plugin new NAME --kind KIND}: writes a small Maven project for one plugin that
 * depends on {@code meshbench-plugin-api} alone, builds with {@code mvn package}, and passes
 * {@code meshbench plugin check} as written.
 */
public final class PluginScaffold {

    /** The version of the plugin API this MeshBench has, which the project depends on. */
    public static String apiVersion() {
        try (InputStream in = Plugin.class.getResourceAsStream(
                "/META-INF/maven/io.meshbench/meshbench-plugin-api/pom.properties")) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                return p.getProperty("version", "0.1.0-SNAPSHOT");
            }
        } catch (IOException ignored) {
            // fall through: running from the build's classes, not the jar
        }
        return "0.1.0-SNAPSHOT";
    }

    /** What was written. */
    public record Project(Path dir, String name, PluginKind kind, String className, List<Path> files) {
        /** The jar {@code mvn package} makes. */
        public Path jar() {
            return dir.resolve("target").resolve(name + "-1.0.0.jar");
        }
    }

    private PluginScaffold() {
    }

    /** Writes the project into {@code dir}, which must not exist yet or be empty. */
    public static Project write(Path dir, String name, PluginKind kind) {
        if (!name.matches("[a-z][a-z0-9-]*") || name.endsWith("-") || name.length() > 40) {
            throw new IllegalArgumentException("plugin name \"" + name + "\" must be lower case letters, digits and "
                    + "dashes, starting with a letter, e.g. \"most-battery\"");
        }
        try {
            if (Files.exists(dir) && (!Files.isDirectory(dir) || Files.list(dir).findAny().isPresent())) {
                throw new IllegalArgumentException(dir + " already exists and is not empty; pick another NAME or --dir");
            }
            String pkg = "com.example.meshbench." + name.replace("-", "");
            String className = camel(name) + switch (kind) {
                case METRICS -> "MetricsProvider";
                case SLM -> "EngineProvider";
                case STRATEGY -> "Strategy";
            };
            Templates t = new Templates(name, pkg, className, apiVersion());
            List<Path> files = new ArrayList<>();
            files.add(write(dir.resolve("pom.xml"), t.pom()));
            files.add(write(dir.resolve("src/main/java/" + pkg.replace('.', '/') + "/" + className + ".java"), t.source(kind)));
            files.add(write(dir.resolve("src/main/resources/" + kind.serviceFile()), pkg + "." + className + "\n"));
            files.add(write(dir.resolve("README.md"), t.readme(kind)));
            return new Project(dir, name, kind, className, List.copyOf(files));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the plugin project into " + dir + ": " + e.getMessage(), e);
        }
    }

    private static Path write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        return file;
    }

    static String camel(String name) {
        StringBuilder out = new StringBuilder();
        for (String part : name.split("-")) {
            if (!part.isEmpty()) {
                out.append(part.substring(0, 1).toUpperCase(Locale.ROOT)).append(part.substring(1));
            }
        }
        return out.toString();
    }
}
