package io.meshbench.plugin.check;

import io.meshbench.plugin.PluginKind;
import io.meshbench.plugin.scaffold.PluginScaffold;
import io.meshbench.testing.PluginJarBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The numbered examples and every scaffold kind build and pass the conformance suite as written. */
class ExamplesAndScaffoldTest {

    @TempDir
    Path dir;

    static Path root() {
        String root = System.getProperty("meshbench.root");
        return root == null ? Path.of("..") : Path.of(root);
    }

    static String print(CheckReport report) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        report.print(new PrintStream(out, true, StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void everyNumberedExampleBuildsAndPasses() throws IOException {
        List<Path> examples;
        try (Stream<Path> list = Files.list(root().resolve("examples/plugins"))) {
            examples = list.filter(p -> p.getFileName().toString().matches("\\d\\d-.*")).sorted().toList();
        }
        assertEquals(List.of("01-metrics-loadavg", "02-slm-echo", "03-strategy-most-battery"),
                examples.stream().map(p -> p.getFileName().toString()).toList());
        for (Path example : examples) {
            assertTrue(Files.isRegularFile(example.resolve("pom.xml")), example + " is a Maven project");
            Path jar = new PluginJarBuilder().project(example.resolve("src/main"))
                    .build(dir.resolve(example.getFileName() + ".jar"));
            CheckReport report = PluginCheck.check(jar, Map.of(), PluginCheck.COMPLETE_TIMEOUT, PluginCheck.Timing.SHOWN);
            assertTrue(report.passed(), print(report));
        }
    }

    @ParameterizedTest
    @EnumSource(PluginKind.class)
    void aNewProjectOfEveryKindPassesTheCheckUnchanged(PluginKind kind) throws IOException {
        PluginScaffold.Project project = PluginScaffold.write(dir.resolve("my-" + kind.id()), "my-" + kind.id(), kind);
        assertTrue(Files.readString(project.dir().resolve("pom.xml")).contains("<artifactId>meshbench-plugin-api</artifactId>"));
        Path jar = new PluginJarBuilder().project(project.dir().resolve("src/main")).build(dir.resolve(kind.id() + ".jar"));
        CheckReport report = PluginCheck.check(jar, Map.of(), PluginCheck.COMPLETE_TIMEOUT, PluginCheck.Timing.SHOWN);
        assertTrue(report.passed(), print(report));
        assertTrue(print(report).contains(kind.id() + " \"my-" + kind.id() + "\""), print(report));
    }

    @Test
    void aBadNameOrATakenFolderIsRefused() throws IOException {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PluginScaffold.write(dir.resolve("x"), "My Plugin", PluginKind.STRATEGY));
        assertTrue(e.getMessage().contains("\"My Plugin\""), e.getMessage());
        Files.createDirectories(dir.resolve("taken"));
        Files.writeString(dir.resolve("taken/file.txt"), "x");
        e = assertThrows(IllegalArgumentException.class, () -> PluginScaffold.write(dir.resolve("taken"), "taken", PluginKind.SLM));
        assertTrue(e.getMessage().contains("not empty"), e.getMessage());
    }
}
