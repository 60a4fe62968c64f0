package io.meshbench.testing;

import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/**
 * Builds real plugin jars in a temporary folder, as a plugin author's build would: Java sources
 * compiled with the JDK's compiler against the plugin API on this test's class path, service files
 * and a manifest written with {@code java.util.jar}.
 */
public final class PluginJarBuilder {

    private final Map<String, String> sources = new LinkedHashMap<>();
    private final Map<String, String> resources = new LinkedHashMap<>();
    private String version;

    /** Adds a class: {@code name} is its binary name, e.g. {@code p.Good}. */
    public PluginJarBuilder source(String name, String code) {
        sources.put(name, code);
        return this;
    }

    /** Registers {@code classes} as providers of the SPI interface {@code service} (simple name). */
    public PluginJarBuilder service(String service, String... classes) {
        resources.put("META-INF/services/io.meshbench.plugin.api." + service, String.join("\n", classes) + "\n");
        return this;
    }

    public PluginJarBuilder resource(String path, String text) {
        resources.put(path, text);
        return this;
    }

    /** Writes {@code Implementation-Version} into the manifest. */
    public PluginJarBuilder version(String version) {
        this.version = version;
        return this;
    }

    /** Adds every {@code .java} file under {@code srcMain/java} and every file under {@code srcMain/resources}. */
    public PluginJarBuilder project(Path srcMain) throws IOException {
        Path java = srcMain.resolve("java");
        try (Stream<Path> files = Files.walk(java)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String name = java.relativize(f).toString().replace('/', '.').replaceAll("\\.java$", "");
                sources.put(name, Files.readString(f));
            }
        }
        Path res = srcMain.resolve("resources");
        if (Files.isDirectory(res)) {
            try (Stream<Path> files = Files.walk(res)) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    resources.put(res.relativize(f).toString().replace('\\', '/'), Files.readString(f));
                }
            }
        }
        return this;
    }

    /** Compiles and writes the jar to {@code jar}; a compile error fails with the compiler's messages. */
    public Path build(Path jar) throws IOException {
        Path classes = Files.createTempDirectory("plugin-classes");
        Path src = Files.createTempDirectory("plugin-src");
        try {
            return build(jar, classes, src);
        } finally {
            deleteTree(classes);
            deleteTree(src);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private Path build(Path jar, Path classes, Path src) throws IOException {
        List<Path> files = new ArrayList<>();
        for (var e : sources.entrySet()) {
            Path f = src.resolve(e.getKey().replace('.', '/') + ".java");
            Files.createDirectories(f.getParent());
            Files.writeString(f, e.getValue());
            files.add(f);
        }
        if (!files.isEmpty()) {
            JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
            DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
            try (StandardJavaFileManager fm = compiler.getStandardFileManager(diagnostics, null, StandardCharsets.UTF_8)) {
                boolean ok = compiler.getTask(null, fm, diagnostics, List.of("--release", "21", "-d", classes.toString(),
                                "-classpath", System.getProperty("java.class.path"), "-proc:none"), null,
                        fm.getJavaFileObjectsFromPaths(files)).call();
                if (!ok) {
                    throw new IllegalStateException("plugin sources do not compile: " + diagnostics.getDiagnostics());
                }
            }
        }
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        if (version != null) {
            manifest.getMainAttributes().put(Attributes.Name.IMPLEMENTATION_VERSION, version);
        }
        Files.createDirectories(jar.toAbsolutePath().getParent());
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest);
             Stream<Path> walk = Files.walk(classes)) {
            for (Path f : walk.filter(Files::isRegularFile).toList()) {
                put(out, classes.relativize(f).toString().replace('\\', '/'), Files.readAllBytes(f));
            }
            for (var e : resources.entrySet()) {
                put(out, e.getKey(), e.getValue().getBytes(StandardCharsets.UTF_8));
            }
        }
        return jar;
    }

    private static void put(OutputStream stream, String name, byte[] bytes) throws IOException {
        JarOutputStream out = (JarOutputStream) stream;
        out.putNextEntry(new JarEntry(name));
        out.write(bytes);
        out.closeEntry();
    }

    /** A strategy plugin class {@code p.<cls>} named {@code name} whose select body is {@code body} (bids in {@code bids}). */
    public static String strategy(String cls, String name, String body) {
        return """
                package p;
                import io.meshbench.plugin.api.*;
                import java.util.*;
                public class %s implements SelectionStrategy {
                    public String name() { return "%s"; }
                    public Selection select(List<Bid> bids) { %s }
                }
                """.formatted(cls, name, body);
    }
}
